using System.Globalization;
using Microsoft.Extensions.Options;
using Wijkwacht.Identity;
using Wijkwacht.Mail;
using Wijkwacht.Observations;
using Wijkwacht.Partners;

namespace Wijkwacht.Dossiers;

internal sealed class AppOptions
{
    /// <summary>Where people reach the site; links in e-mails start here.</summary>
    public Uri PublicUrl { get; set; } = new("http://localhost:7071");

    /// <summary>How long the link in a partner's e-mail keeps working.</summary>
    public TimeSpan PartnerLinkLifetime { get; set; } = TimeSpan.FromDays(90);
}

/// <summary>The e-mails about a dossier, in the partner's language (Dutch, French or English).</summary>
internal sealed class DossierMails(CategoryCatalogue categories, SignedLinks links, IOptions<AppOptions> app)
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    public static string ForwardedMailId(string dossierId) => $"{dossierId}-forwarded";

    public static string ReminderMailId(string dossierId, int step) => $"{dossierId}-acknowledgement-reminder-{step}";

    public MailMessage Forwarded(Dossier dossier, Observation observation, Partner partner)
    {
        var text = Texts.For(partner.Language);
        var category = categories.Find(dossier.Category)?.Label(text.Language) ?? dossier.Category;
        return new MailMessage(
            ForwardedMailId(dossier.Id),
            partner.Email ?? throw new InvalidOperationException($"Partner {partner.Id} has no e-mail address."),
            string.Format(CultureInfo.InvariantCulture, text.ForwardedSubject, category, ShortId(dossier.Id)),
            string.Join("\r\n",
                string.Format(CultureInfo.InvariantCulture, text.Greeting, partner.Name),
                "",
                text.ForwardedIntro,
                "",
                $"{text.Dossier}: {dossier.Id}",
                $"{text.Category}: {category}",
                $"{text.ObservedAt}: {Local(observation.ObservedAt, text.Culture)}",
                $"{text.Location}: {observation.Latitude.ToString("F6", CultureInfo.InvariantCulture)}, {observation.Longitude.ToString("F6", CultureInfo.InvariantCulture)}",
                $"{text.Map}: {MapLink(observation)}",
                $"{text.Description}: {observation.Description ?? "—"}",
                "",
                text.OpenDossier,
                PartnerLink(dossier.Id).ToString(),
                "",
                text.Closing,
                "",
                "Wijkwacht",
                app.Value.PublicUrl.ToString()),
            text.Language);
    }

    public MailMessage AcknowledgementReminder(Dossier dossier, Partner partner, int step)
    {
        var text = Texts.For(partner.Language);
        var category = categories.Find(dossier.Category)?.Label(text.Language) ?? dossier.Category;
        return new MailMessage(
            ReminderMailId(dossier.Id, step),
            partner.Email ?? throw new InvalidOperationException($"Partner {partner.Id} has no e-mail address."),
            string.Format(CultureInfo.InvariantCulture, text.ReminderSubject, step, category, ShortId(dossier.Id)),
            string.Join("\r\n",
                string.Format(CultureInfo.InvariantCulture, text.Greeting, partner.Name),
                "",
                string.Format(CultureInfo.InvariantCulture, text.ReminderIntro, Local(dossier.ForwardedAt ?? dossier.CreatedAt, text.Culture)),
                "",
                $"{text.Dossier}: {dossier.Id}",
                $"{text.Category}: {category}",
                "",
                text.OpenDossier,
                PartnerLink(dossier.Id).ToString(),
                "",
                text.Closing,
                "",
                "Wijkwacht",
                app.Value.PublicUrl.ToString()),
            text.Language);
    }

    /// <summary>The partner page for this dossier, opened with a signed link that needs no account.</summary>
    public Uri PartnerLink(string dossierId)
    {
        var token = links.Issue(LinkPurpose.PartnerDossier, dossierId, app.Value.PartnerLinkLifetime);
        return new Uri(app.Value.PublicUrl, $"/partner/?dossier={dossierId}&token={Uri.EscapeDataString(token)}");
    }

    private static string ShortId(string id) => id[..8];

    private static string Local(DateTimeOffset at, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(at, Brussels).ToString("f", culture);

    private static string MapLink(Observation o)
    {
        var lat = o.Latitude.ToString("F6", CultureInfo.InvariantCulture);
        var lon = o.Longitude.ToString("F6", CultureInfo.InvariantCulture);
        return $"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=19/{lat}/{lon}";
    }

    private sealed record Texts(
        string Language,
        CultureInfo Culture,
        string Greeting,
        string ForwardedSubject,
        string ForwardedIntro,
        string ReminderSubject,
        string ReminderIntro,
        string Dossier,
        string Category,
        string ObservedAt,
        string Location,
        string Map,
        string Description,
        string OpenDossier,
        string Closing)
    {
        private static readonly Texts Dutch = new(
            "nl", CultureInfo.GetCultureInfo("nl-BE"),
            "Beste {0},",
            "Nieuw dossier: {0} ({1})",
            "Een gemeenschapswacht heeft een vaststelling gedaan die uw dienst aanbelangt. U vindt de gegevens hieronder.",
            "Herinnering {0}: dossier {1} ({2}) wacht op uw bevestiging",
            "Dit dossier werd u op {0} toegestuurd en is nog niet bevestigd. Wilt u het bevestigen en opvolgen?",
            "Dossier", "Categorie", "Vastgesteld op", "Locatie", "Kaart", "Beschrijving",
            "Bekijk het dossier en laat weten wat u doet (geen account nodig):",
            "Met vriendelijke groet,");

        private static readonly Texts French = new(
            "fr", CultureInfo.GetCultureInfo("fr-BE"),
            "Bonjour {0},",
            "Nouveau dossier : {0} ({1})",
            "Un gardien de la paix a fait une constatation qui concerne votre service. Vous en trouverez les détails ci-dessous.",
            "Rappel {0} : le dossier {1} ({2}) attend votre accusé de réception",
            "Ce dossier vous a été transmis le {0} et n'a pas encore été confirmé. Pouvez-vous le confirmer et en assurer le suivi ?",
            "Dossier", "Catégorie", "Constaté le", "Lieu", "Carte", "Description",
            "Consultez le dossier et indiquez la suite donnée (sans compte) :",
            "Cordialement,");

        private static readonly Texts English = new(
            "en", CultureInfo.GetCultureInfo("en-GB"),
            "Dear {0},",
            "New case: {0} ({1})",
            "A community warden recorded an observation that concerns your service. The details are below.",
            "Reminder {0}: case {1} ({2}) awaits your acknowledgement",
            "This case was sent to you on {0} and has not been acknowledged yet. Please acknowledge it and follow it up.",
            "Case", "Category", "Observed at", "Location", "Map", "Description",
            "View the case and tell us what you are doing (no account needed):",
            "Kind regards,");

        public static Texts For(string language) => language switch
        {
            "fr" => French,
            "en" => English,
            _ => Dutch,
        };
    }
}
