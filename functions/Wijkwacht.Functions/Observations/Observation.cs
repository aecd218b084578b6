using System.ComponentModel.DataAnnotations;
using Wijkwacht.Geography;
using Wijkwacht.Problems;

namespace Wijkwacht.Observations;

/// <summary>Details for a municipal administrative sanction (GAS / SAC), seen only by those who handle sanctions.</summary>
internal sealed record GasDetails(string? Article, bool OffenderIdentified, string? Notes);

/// <summary>A photo of an observation, checked by its content after the device uploaded it.</summary>
internal sealed record Photo(Guid PhotoId, string ContentType, long Size, DateTimeOffset ConfirmedAt);

/// <summary>Something a warden saw in the street.</summary>
internal sealed record Observation(
    Guid Id,
    string Category,
    double Latitude,
    double Longitude,
    string? Description,
    DateTimeOffset ObservedAt,
    DateTimeOffset RecordedAt,
    string WardenId,
    string? DossierId)
{
    /// <summary>The partner service its dossier went to, by name: kept on the row by forwarding, for the warden's list.</summary>
    public string? PartnerName { get; init; }

    /// <summary>How far in the past an observation may be recorded (a phone offline for a long time).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(60);

    /// <summary>Clock skew allowed between a phone and the server.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>How long the author may correct an observation.</summary>
    public static readonly TimeSpan CorrectionWindow = TimeSpan.FromHours(24);

    public const int MaxPhotos = 5;

    public string? Subcategory { get; init; }

    public double? Accuracy { get; init; }

    public string? Address { get; init; }

    /// <summary>Resolved from the location by the server, never sent by the client.</summary>
    public string? NeighbourhoodId { get; init; }

    public string? HotspotId { get; init; }

    public GasDetails? Gas { get; init; }

    public IReadOnlyList<Photo> Photos { get; init; } = [];

    public DateTimeOffset EditableUntil => RecordedAt + CorrectionWindow;

    public static Observation Record(ObservationFields fields, Guid id, string wardenId, string? neighbourhoodId, DateTimeOffset now) =>
        new Observation(id, "", 0, 0, null, now, now, wardenId, DossierId: null).With(fields, neighbourhoodId);

    /// <summary>The same observation with the fields a warden gives (on create, or a correction).</summary>
    public Observation With(ObservationFields f, string? neighbourhoodId) => this with
    {
        Category = f.Category!,
        Subcategory = Blank(f.Subcategory),
        Latitude = f.Latitude!.Value,
        Longitude = f.Longitude!.Value,
        Accuracy = f.Accuracy,
        Address = Blank(f.Address),
        NeighbourhoodId = neighbourhoodId,
        HotspotId = Blank(f.HotspotId),
        Description = Blank(f.Description),
        ObservedAt = f.ObservedAt!.Value.ToUniversalTime(),
        Gas = f.Gas is null ? null : new GasDetails(Blank(f.Gas.Article), f.Gas.OffenderIdentified ?? false, Blank(f.Gas.Notes)),
    };

    /// <summary>The fields as a warden would send them again: what a correction starts from.</summary>
    public ObservationFields Fields => new()
    {
        Category = Category,
        Subcategory = Subcategory,
        Latitude = Latitude,
        Longitude = Longitude,
        Accuracy = Accuracy,
        Address = Address,
        HotspotId = HotspotId,
        Description = Description,
        ObservedAt = ObservedAt,
        Gas = Gas is null ? null : new GasDetailsRequest(Gas.Article, Gas.OffenderIdentified, Gas.Notes),
    };

    /// <summary>The rules beyond field formats; an empty result means the fields may be recorded.</summary>
    public static FieldErrors Check(ObservationFields f, CategoryCatalogue catalogue, Neighbourhoods neighbourhoods, HotspotCatalogue hotspots, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        var category = f.Category is null ? null : catalogue.Find(f.Category);
        if (f.Category is not null && category is null)
        {
            errors.Add("category", ErrorCodes.UnknownValue, "This category does not exist.");
        }

        if (category is not null && f.Subcategory is { Length: > 0 } sub && !category.Subcategories.Any(s => s.Code == sub))
        {
            errors.Add("subcategory", ErrorCodes.UnknownValue, "This sub-category does not belong to the category.");
        }

        if (category is { Gas: false } && f.Gas is not null)
        {
            errors.Add("gas", ErrorCodes.NotAllowed, "This category cannot be a municipal administrative sanction (GAS) offence.");
        }

        if (f.Latitude is { } lat && f.Longitude is { } lon && !neighbourhoods.Contains(lat, lon))
        {
            errors.Add("latitude", ErrorCodes.OutsideMunicipality, "This place is outside the municipality.");
        }

        if (f.HotspotId is { Length: > 0 } hotspot && hotspots.Find(hotspot) is null)
        {
            errors.Add("hotspotId", ErrorCodes.UnknownValue, "This hot spot does not exist.");
        }

        if (f.ObservedAt is { } observedAt)
        {
            if (observedAt > now + MaxClockSkew)
            {
                errors.Add("observedAt", ErrorCodes.InFuture, "The observation cannot be in the future.");
            }
            else if (observedAt < now - MaxAge)
            {
                errors.Add("observedAt", ErrorCodes.TooOld, $"The observation is older than {MaxAge.Days} days.");
            }
        }

        return errors;
    }

    /// <summary>True when a retried create carries the same observation, so answering with the stored one is right.</summary>
    public bool SameAs(ObservationFields f) => this == Record(f, Id, WardenId, NeighbourhoodId, RecordedAt) with
    {
        RecordedAt = RecordedAt,
        DossierId = DossierId,
        PartnerName = PartnerName,
        Photos = Photos,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
