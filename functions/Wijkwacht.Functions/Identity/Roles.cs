namespace Wijkwacht.Identity;

/// <summary>The roles Static Web Apps assigns (custom roles) and the API authorises by.</summary>
internal static class Roles
{
    public const string Warden = "warden";
    public const string Coordinator = "coordinator";
    public const string Officer = "officer";
    public const string Partner = "partner";
    public const string Admin = "admin";

    public static readonly string[] All = [Warden, Coordinator, Officer, Partner, Admin];
}

/// <summary>Authorization policies, named after what they allow.</summary>
internal static class Policies
{
    public const string RecordObservations = nameof(RecordObservations);
    public const string ReadObservations = nameof(ReadObservations);
    public const string FollowDossiers = nameof(FollowDossiers);
    public const string Signedin = nameof(Signedin);
    public const string ReadAudit = nameof(ReadAudit);
    public const string ManagePartners = nameof(ManagePartners);
    public const string MeetCitizens = nameof(MeetCitizens);
}
