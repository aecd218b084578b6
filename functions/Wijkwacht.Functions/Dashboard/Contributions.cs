using System.Globalization;
using Wijkwacht.Dossiers;
using Wijkwacht.Observations;
using Wijkwacht.Time;

namespace Wijkwacht.Dashboard;

/// <summary>
/// What one observation or dossier adds to the figures: measure × Brussels day × (neighbourhood, category,
/// partner). A null day means "now" (open dossiers). Partner is null for observations, which are counted before
/// any partner is involved.
/// </summary>
internal readonly record struct Contribution(DateOnly? Day, string Neighbourhood, string Category, string? Partner, string Measure, int Amount)
{
    public string Encode() => string.Join('|',
        Day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", Escape(Neighbourhood), Escape(Category), Partner is null ? "" : Escape(Partner), Measure, Amount.ToString(CultureInfo.InvariantCulture));

    public static Contribution Decode(string text)
    {
        var p = text.Split('|');
        return new(p[0].Length == 0 ? null : DateOnly.ParseExact(p[0], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Uri.UnescapeDataString(p[1]), Uri.UnescapeDataString(p[2]), p[3].Length == 0 ? null : Uri.UnescapeDataString(p[3]), p[4], int.Parse(p[5], CultureInfo.InvariantCulture));
    }

    /// <summary>Escaped so a key component never holds the separator or a character Table Storage refuses in keys.</summary>
    public static string Escape(string component) => Uri.EscapeDataString(component);
}

/// <summary>The measure names kept in aggregate rows, and the rules that turn an entity's state into contributions.</summary>
internal sealed class Contributions(WorkingDays workingDays)
{
    public const string Observations = "Observations";
    public const string Opened = "Opened";
    public const string Forwarded = "Forwarded";
    public const string Acknowledged = "Acknowledged";
    public const string AcknowledgedWithin = "AcknowledgedWithin";
    public const string Resolved = "Resolved";
    public const string ResolvedWithin = "ResolvedWithin";
    public const string Rejected = "Rejected";
    public const string Open = "Open";

    /// <summary>Histograms of working days taken: AckDays0, AckDays1, … and AckDays60 for 60 or more.</summary>
    public const string AcknowledgeDaysPrefix = "AckDays";
    public const string ResolveDaysPrefix = "ResDays";
    public const int HistogramCap = 60;

    /// <summary>The dimension value for an observation outside every neighbourhood (cannot happen today; kept countable).</summary>
    public const string NoNeighbourhood = "-";

    public static string OpenIn(DossierStatus status) => Open + status;

    public static IReadOnlyList<Contribution> Of(Observation o) => OfObservation(o.ObservedAt, o.NeighbourhoodId, o.Category);

    public static IReadOnlyList<Contribution> OfObservation(DateTimeOffset observedAt, string? neighbourhood, string category) =>
        [new(BrusselsTime.Day(observedAt), neighbourhood ?? NoNeighbourhood, category, null, Observations, 1)];

    public IReadOnlyList<Contribution> Of(Dossier d)
    {
        var list = new List<Contribution>();
        void Add(DateOnly? day, string measure) => list.Add(new(day, d.NeighbourhoodId ?? NoNeighbourhood, d.Category, d.PartnerId, measure, 1));

        Add(BrusselsTime.Day(d.CreatedAt), Opened);
        if (d.ForwardedAt is { } forwarded)
        {
            Add(BrusselsTime.Day(forwarded), Forwarded);
            if (d.AcknowledgedAt is { } acknowledged)
            {
                var day = BrusselsTime.Day(acknowledged);
                Add(day, Acknowledged);
                Add(day, AcknowledgeDaysPrefix + Bucket(WorkingDaysTaken(forwarded, acknowledged)));
                if (acknowledged <= d.AcknowledgeBy)
                {
                    Add(day, AcknowledgedWithin);
                }
            }

            if (d.Status == DossierStatus.Resolved && d.ClosedAt is { } resolved)
            {
                var day = BrusselsTime.Day(resolved);
                Add(day, Resolved);
                Add(day, ResolveDaysPrefix + Bucket(WorkingDaysTaken(forwarded, resolved)));
                if (resolved <= d.ResolveBy)
                {
                    Add(day, ResolvedWithin);
                }
            }
        }

        if (d.Status == DossierStatus.Rejected && d.ClosedAt is { } rejected)
        {
            Add(BrusselsTime.Day(rejected), Rejected);
        }

        if (d.IsOpen)
        {
            Add(null, Open);
            Add(null, OpenIn(d.Status));
        }

        return list;
    }

    /// <summary>Working days from the Brussels day of the start to that of the end: the same calendar as the reminders.</summary>
    public int WorkingDaysTaken(DateTimeOffset from, DateTimeOffset to) =>
        Math.Max(0, workingDays.WorkingDaysBetween(BrusselsTime.Day(from), BrusselsTime.Day(to)));

    private static string Bucket(int days) => Math.Min(days, HistogramCap).ToString(CultureInfo.InvariantCulture);
}
