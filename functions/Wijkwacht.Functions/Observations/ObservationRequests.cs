using System.ComponentModel.DataAnnotations;
using Wijkwacht.Geography;

namespace Wijkwacht.Observations;

/// <summary>
/// What a warden says about an observation: sent whole on create, and as the result of a correction. Public, as
/// .NET's validation generator only validates public request types.
/// </summary>
public record ObservationFields
{
    [Required, StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a category code such as illegal-dumping.")]
    public string? Category { get; init; }

    [StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a sub-category code.")]
    public string? Subcategory { get; init; }

    [Required, Range(-90, 90)]
    public double? Latitude { get; init; }

    [Required, Range(-180, 180)]
    public double? Longitude { get; init; }

    /// <summary>The GPS accuracy in metres, as the device reports it.</summary>
    [Range(0, 10_000)]
    public double? Accuracy { get; init; }

    [StringLength(200)]
    public string? Address { get; init; }

    [StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a hot spot id.")]
    public string? HotspotId { get; init; }

    [StringLength(2000)]
    public string? Description { get; init; }

    [Required]
    public DateTimeOffset? ObservedAt { get; init; }

    public GasDetailsRequest? Gas { get; init; }
}

/// <summary>A new observation; the id is made on the device, so a retry is recognised.</summary>
public sealed record CreateObservationRequest : ObservationFields
{
    [Required]
    public Guid? Id { get; init; }
}

public sealed record GasDetailsRequest(
    [property: StringLength(50)] string? Article,
    bool? OffenderIdentified,
    [property: StringLength(2000)] string? Notes);

internal sealed record NeighbourhoodReference(string Id, IReadOnlyDictionary<string, string> Name);

internal sealed record PhotoResponse(Guid PhotoId, string ContentType, long Size, string Url);

internal sealed record ObservationResponse(
    Guid Id,
    string Category,
    string? Subcategory,
    double Latitude,
    double Longitude,
    double? Accuracy,
    string? Address,
    NeighbourhoodReference? Neighbourhood,
    string? HotspotId,
    string? Description,
    DateTimeOffset ObservedAt,
    DateTimeOffset RecordedAt,
    string WardenId,
    string? DossierId,
    IReadOnlyList<PhotoResponse> Photos,
    GasDetails? Gas,
    DateTimeOffset EditableUntil,
    string? PartnerName)
{
    /// <param name="showGas">Only the author and those who handle sanctions see the GAS details.</param>
    public static ObservationResponse From(Observation o, Neighbourhoods neighbourhoods, bool showGas) => new(
        o.Id, o.Category, o.Subcategory, o.Latitude, o.Longitude, o.Accuracy, o.Address,
        o.NeighbourhoodId is { } id && neighbourhoods[id] is { } n ? new NeighbourhoodReference(n.Id, n.Names) : null,
        o.HotspotId, o.Description, o.ObservedAt, o.RecordedAt, o.WardenId, o.DossierId,
        [.. o.Photos.Select(p => new PhotoResponse(p.PhotoId, p.ContentType, p.Size, $"/api/observations/{o.Id}/photos/{p.PhotoId}"))],
        showGas ? o.Gas : null,
        o.EditableUntil,
        o.PartnerName);
}

internal sealed record ObservationPage(IReadOnlyList<ObservationResponse> Items, string? ContinuationToken);
