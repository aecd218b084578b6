namespace Wijkwacht.Hosting;

/// <summary>Where the site is reached, for every feature that writes links into mails (settings section App).</summary>
internal sealed class AppOptions
{
    /// <summary>Where people reach the site; links in e-mails start here.</summary>
    public Uri PublicUrl { get; set; } = new("http://localhost:7071");

    /// <summary>How long the link in a partner's e-mail keeps working.</summary>
    public TimeSpan PartnerLinkLifetime { get; set; } = TimeSpan.FromDays(90);
}
