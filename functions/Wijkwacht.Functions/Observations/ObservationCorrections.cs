using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Wijkwacht.Audit;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Problems;

namespace Wijkwacht.Observations;

internal abstract record CorrectionOutcome
{
    public sealed record Corrected(StoredObservation Stored) : CorrectionOutcome;

    public sealed record Invalid(FieldErrors Errors) : CorrectionOutcome;

    public sealed record TooLate : CorrectionOutcome;

    public sealed record ChangedMeanwhile : CorrectionOutcome;

    public sealed record NotFound : CorrectionOutcome;
}

/// <summary>
/// A correction by the author within 24 hours, as a JSON merge patch over the observation's fields: the same
/// rules as on create, the neighbourhood found again, the change guarded by the observation's ETag and audited.
/// </summary>
internal sealed class ObservationCorrections(
    ObservationStore observations,
    CategoryCatalogue catalogue,
    HotspotCatalogue hotspots,
    Neighbourhoods neighbourhoods,
    AuditTrail audit,
    IOptions<JsonOptions> json,
    TimeProvider time)
{
    /// <summary>
    /// Applies a merge patch. With If-Match the caller's version must be the stored one; without it, a change the
    /// system made meanwhile (its forwarding linking the dossier) is not the caller's concern: the patch is applied
    /// again to the fresh row.
    /// </summary>
    public async Task<CorrectionOutcome> CorrectAsync(Guid id, JsonElement patch, ClaimsPrincipal user, string? ifMatch, CancellationToken cancellationToken)
    {
        CorrectionOutcome outcome = new CorrectionOutcome.ChangedMeanwhile();
        for (var attempt = 0; attempt < 3 && outcome is CorrectionOutcome.ChangedMeanwhile; attempt++)
        {
            outcome = await TryCorrectAsync(id, patch, user, ifMatch, cancellationToken);
            if (ifMatch is not null)
            {
                break;
            }
        }

        return outcome;
    }

    private async Task<CorrectionOutcome> TryCorrectAsync(Guid id, JsonElement patch, ClaimsPrincipal user, string? ifMatch, CancellationToken cancellationToken)
    {
        if (await observations.GetAsync(id, cancellationToken) is not { } stored || stored.Observation.WardenId != user.UserId())
        {
            return new CorrectionOutcome.NotFound();
        }

        var now = time.GetUtcNow();
        if (now > stored.Observation.EditableUntil)
        {
            return new CorrectionOutcome.TooLate();
        }

        if (ifMatch is not null && ifMatch != stored.ETag.ToString())
        {
            return new CorrectionOutcome.ChangedMeanwhile();
        }

        var (fields, errors) = Apply(stored.Observation.Fields, patch);
        if (errors.Count == 0)
        {
            errors = Validate(fields);
        }

        if (errors.Count == 0)
        {
            errors = Observation.Check(fields, catalogue, neighbourhoods, hotspots, now);
        }

        if (errors.Count > 0)
        {
            return new CorrectionOutcome.Invalid(errors);
        }

        var corrected = stored.Observation.With(fields, neighbourhoods.Find(fields.Latitude!.Value, fields.Longitude!.Value)?.Id);
        if (corrected == stored.Observation)
        {
            return new CorrectionOutcome.Corrected(stored);
        }

        if (!await observations.ReplaceAsync(corrected, stored.ETag, cancellationToken))
        {
            return new CorrectionOutcome.ChangedMeanwhile();
        }

        await audit.RecordAsync(AuditEntity.Observation, id.ToString(), "corrected", AuditActor.From(user),
            new { before = stored.Observation.Fields, after = corrected.Fields }, cancellationToken);
        return new CorrectionOutcome.Corrected((await observations.GetAsync(id, cancellationToken))!);
    }

    private (ObservationFields Fields, FieldErrors Errors) Apply(ObservationFields current, JsonElement patch)
    {
        var errors = new FieldErrors();
        if (patch.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", ErrorCodes.InvalidJson, "Send a JSON object with the fields to change.");
            return (current, errors);
        }

        var fields = current;
        foreach (var property in patch.EnumerateObject())
        {
            try
            {
                fields = property.Name switch
                {
                    "category" => fields with { Category = Read<string>(property) },
                    "subcategory" => fields with { Subcategory = Read<string>(property) },
                    "latitude" => fields with { Latitude = Read<double?>(property) },
                    "longitude" => fields with { Longitude = Read<double?>(property) },
                    "accuracy" => fields with { Accuracy = Read<double?>(property) },
                    "address" => fields with { Address = Read<string>(property) },
                    "hotspotId" => fields with { HotspotId = Read<string>(property) },
                    "description" => fields with { Description = Read<string>(property) },
                    "observedAt" => fields with { ObservedAt = Read<DateTimeOffset?>(property) },
                    "gas" => fields with { Gas = Read<GasDetailsRequest>(property) },
                    _ => throw new KeyNotFoundException(),
                };
            }
            catch (KeyNotFoundException)
            {
                errors.Add(property.Name, ErrorCodes.NotAllowed, "This field cannot be changed.");
            }
            catch (JsonException)
            {
                errors.Add(property.Name, ErrorCodes.WrongType, "This value has the wrong type or format.");
            }
        }

        return (fields, errors);
    }

    private T? Read<T>(JsonProperty property) => property.Value.Deserialize<T>(json.Value.SerializerOptions);

    private static FieldErrors Validate(ObservationFields fields)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(fields, new ValidationContext(fields), results, validateAllProperties: true);
        if (fields.Gas is not null)
        {
            Validator.TryValidateObject(fields.Gas, new ValidationContext(fields.Gas), results, validateAllProperties: true);
        }

        var errors = new FieldErrors();
        foreach (var (field, message) in results.SelectMany(r => r.MemberNames.Select(m => (JsonNamingPolicy.CamelCase.ConvertName(m), r.ErrorMessage ?? "This value is not valid."))))
        {
            errors.Add(field, FieldErrors.CodeOf(message), message);
        }

        return errors;
    }
}
