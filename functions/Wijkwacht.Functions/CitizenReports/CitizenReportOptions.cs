namespace Wijkwacht.CitizenReports;

/// <summary>Settings section CitizenReports.</summary>
internal sealed class CitizenReportOptions
{
    /// <summary>The answer the city promises, in working days, for categories without a service level of their own.</summary>
    public int AnswerWorkingDays { get; set; } = 2;

    /// <summary>Per category code, a service level other than <see cref="AnswerWorkingDays"/>.</summary>
    public Dictionary<string, int> CategoryAnswerWorkingDays { get; set; } = [];

    /// <summary>How long the status link in the mails keeps working.</summary>
    public TimeSpan StatusLinkLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>true: a "not fixed" reopens the dossier; false: the coordinator gets a mail and decides.</summary>
    public bool NotFixedReopens { get; set; } = true;

    /// <summary>Acknowledgement mails one address receives per day at most: the form cannot be used to flood a mailbox.</summary>
    public int MailsPerAddressPerDay { get; set; } = 3;

    /// <summary>How far around a place the form looks for the same problem already reported.</summary>
    public double NearbyRadiusMeters { get; set; } = 100;

    /// <summary>How old a nearby report may be and still be shown.</summary>
    public TimeSpan NearbyWindow { get; set; } = TimeSpan.FromDays(30);

    public int AnswerWorkingDaysFor(string category) => CategoryAnswerWorkingDays.GetValueOrDefault(category, AnswerWorkingDays);
}
