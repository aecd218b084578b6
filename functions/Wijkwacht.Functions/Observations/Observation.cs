using System.ComponentModel.DataAnnotations;

namespace Wijkwacht.Observations;

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
    /// <summary>How far in the past an observation may be recorded (a phone offline for a long time).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(60);

    /// <summary>Clock skew allowed between a phone and the server.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(10);

    public static Observation Record(CreateObservationRequest request, string wardenId, DateTimeOffset now) => new(
        request.Id!.Value,
        request.Category!,
        request.Latitude!.Value,
        request.Longitude!.Value,
        string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
        request.ObservedAt!.Value.ToUniversalTime(),
        now,
        wardenId,
        DossierId: null);

    /// <summary>The rules beyond field formats; an empty result means the request may be recorded.</summary>
    public static Dictionary<string, string[]> Check(CreateObservationRequest request, CategoryCatalogue catalogue, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Category is not null && catalogue.Find(request.Category) is null)
        {
            errors["category"] = ["This category does not exist."];
        }

        if (request.ObservedAt is { } observedAt)
        {
            if (observedAt > now + MaxClockSkew)
            {
                errors["observedAt"] = ["The observation cannot be in the future."];
            }
            else if (observedAt < now - MaxAge)
            {
                errors["observedAt"] = [$"The observation is older than {MaxAge.Days} days."];
            }
        }

        if (request.Id == Guid.Empty)
        {
            errors["id"] = ["The id must be a random UUID made by the client."];
        }

        return errors;
    }

    /// <summary>True when a retried create carries the same observation, so answering with the stored one is right.</summary>
    public bool SameAs(CreateObservationRequest request) =>
        Category == request.Category
        && Latitude.Equals(request.Latitude)
        && Longitude.Equals(request.Longitude)
        && Description == (string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim())
        && ObservedAt == request.ObservedAt;
}

/// <summary>
/// What a warden's device sends. The id is made on the device, so a retry is recognised. Public, as .NET's validation
/// generator only validates public request types.
/// </summary>
public sealed record CreateObservationRequest(
    [property: Required] Guid? Id,
    [property: Required, StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a category code such as illegal-dumping.")] string? Category,
    [property: Required, Range(-90, 90)] double? Latitude,
    [property: Required, Range(-180, 180)] double? Longitude,
    [property: StringLength(2000)] string? Description,
    [property: Required] DateTimeOffset? ObservedAt);

internal sealed record ObservationResponse(
    Guid Id,
    string Category,
    double Latitude,
    double Longitude,
    string? Description,
    DateTimeOffset ObservedAt,
    DateTimeOffset RecordedAt,
    string? DossierId)
{
    public static ObservationResponse From(Observation o) =>
        new(o.Id, o.Category, o.Latitude, o.Longitude, o.Description, o.ObservedAt, o.RecordedAt, o.DossierId);
}
