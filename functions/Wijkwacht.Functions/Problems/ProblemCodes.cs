using System.Text.RegularExpressions;

namespace Wijkwacht.Problems;

/// <summary>
/// A stable machine code for every problem (<c>code</c>) and every field error (<c>codes</c>, beside RFC 9457's
/// <c>errors</c>). The English sentences stay for logs and API clients; the pages are static and translate the
/// codes (static-web/i18n, <c>problem.code.*</c>), so a Dutch or French reader never meets an English sentence.
/// The codes are read off the sentences here, in one place, so no handler changes to carry them; a sentence not
/// listed still gets a general code (<c>invalid</c>, or one per status) that every page translates.
/// </summary>
internal static class ProblemCodes
{
    /// <summary>Every field code the API gives; static-web/i18n has a text for each (a test checks).</summary>
    public static IReadOnlyCollection<string> FieldCodes => [.. FieldSentences.Values.Concat(FieldPatterns.Select(p => p.Code)).Append(Invalid).Distinct()];

    /// <summary>Every problem code the API gives; static-web/i18n has a text for each (a test checks).</summary>
    public static IReadOnlyCollection<string> Codes => [.. Titles.Values.Concat(TitlePatterns.Select(p => p.Code)).Concat(ByStatus.Values).Append(Validation).Append(Failed).Distinct()];

    public const string Invalid = "invalid";
    private const string Validation = "validation";
    private const string Failed = "failed";

    /// <summary>The code of one field error, from its message.</summary>
    public static string ForField(string message) =>
        FieldSentences.TryGetValue(message, out var code) ? code : FieldPatterns.FirstOrDefault(p => p.Pattern.IsMatch(message)).Code ?? Invalid;

    /// <summary>The code of a whole problem, from its title, else its status.</summary>
    public static string ForProblem(int status, string? title, bool hasFieldErrors)
    {
        if (title is not null && Titles.TryGetValue(title, out var code))
        {
            return code;
        }

        if (title is not null && TitlePatterns.FirstOrDefault(p => p.Pattern.IsMatch(title)).Code is { } matched)
        {
            return matched;
        }

        return hasFieldErrors ? Validation : ByStatus.GetValueOrDefault(status, Failed);
    }

    private static readonly Dictionary<string, string> FieldSentences = new(StringComparer.Ordinal)
    {
        ["This place is outside the municipality."] = "outside-municipality",
        ["This category does not exist."] = "unknown-category",
        ["Use a category code such as illegal-dumping."] = "unknown-category",
        ["This sub-category does not belong to the category."] = "unknown-subcategory",
        ["Use a sub-category code."] = "unknown-subcategory",
        ["This category cannot be a municipal administrative sanction (GAS) offence."] = "gas-not-allowed",
        ["This hot spot does not exist."] = "unknown-hotspot",
        ["Use a hot spot id."] = "unknown-hotspot",
        ["The observation cannot be in the future."] = "in-future",
        ["The id must be a random UUID made by the client."] = "client-uuid",
        ["The photo id must be a random UUID made by the client."] = "client-uuid",
        ["Use a random UUID as Idempotency-Key."] = "client-uuid",
        ["Use image/jpeg, image/png, image/webp or image/heic."] = "photo-type",
        ["This is not a JPEG, PNG, WebP or HEIC photo."] = "photo-type",
        ["The photo is larger than 10 MB."] = "photo-too-large",
        ["Nothing was uploaded for this photo."] = "photo-missing",
        ["A photo goes with resolving only."] = "photo-resolve-only",
        ["Keep the note under 2000 characters."] = "too-long",
        ["Say why the dossier is rejected."] = "reason-required",
        ["We could not find this street in the municipality. Check the spelling, or pick the place on the map."] = "street-not-found",
        ["Give an address, or lat and lon."] = "place-required",
        ["Give a latitude and longitude in degrees."] = "place-required",
        ["There is no officer with this id."] = "unknown-officer",
        ["Use an officer id from the officers list."] = "unknown-officer",
        ["This is not a time this officer can be booked at. Pick one of the free times."] = "not-a-free-time",
        ["Pick one of the free times."] = "not-a-free-time",
        ["Use office, home or phone."] = "appointment-type",
        ["Give an e-mail address or a phone number, so the officer can reach you."] = "contact-required",
        ["Give the address the officer should come to."] = "address-required",
        ["Give the number the officer should call."] = "phone-required",
        ["Use a phone number such as +32 470 12 34 56."] = "phone-format",
        ["Use a date as yyyy-MM-dd."] = "date-format",
        ["Use dates as yyyy-MM-dd, from before to, at most a year apart."] = "date-range",
        ["Use nl, fr or en."] = "language",
        ["Use one line of text, without control characters."] = "control-characters",
        ["Use text without control characters."] = "control-characters",
        ["Use true or false."] = "true-or-false",
        ["Use the continuationToken of the previous page."] = "continuation-token",
        ["This field is unknown."] = "unknown-field",
        ["This field appears more than once."] = "duplicate-field",
        ["This value has the wrong type or format."] = "wrong-format",
        ["The body is not valid JSON."] = "invalid-json",
        ["This field cannot be changed."] = "read-only",
    };

    // Sentences with a value in them, and the ones DataAnnotations writes ("The Note field is required.").
    private static readonly (Regex Pattern, string Code)[] FieldPatterns =
    [
        (new("^The observation is older than \\d+ days\\.$"), "too-old"),
        (new("^Keep the reason under \\d+ characters\\.$"), "too-long"),
        (new("^Ask for 1 to \\d+ days, from before to\\.$"), "date-range"),
        (new("^The .+ field is required\\.$"), "required"),
        (new("maximum length"), "too-long"),
        (new("minimum length"), "too-short"),
        (new("^The field .+ must be between .+ and .+\\.$"), "out-of-range"),
        (new("is not a valid e-mail address\\.$"), "email-format"),
    ];

    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["This link cannot be used."] = "invalid-link",
        ["Illegal dossier transition."] = "illegal-transition",
        ["Dossier closed."] = "dossier-closed",
        ["A reason is required."] = "reason-required",
        ["Same partner."] = "same-partner",
        ["No link to renew."] = "no-link-to-renew",
        ["This id is already used."] = "id-used",
        ["This observation has its five photos."] = "photos-full",
        ["This photo cannot be used."] = "photo-unusable",
        ["The time to correct this observation has passed."] = "correction-closed",
        ["This time is no longer free."] = "time-taken",
        ["The officer no longer takes appointments."] = "officer-gone",
        ["The officer's calendar cannot be read right now."] = "calendar-unavailable",
        ["Appointment closed."] = "appointment-closed",
        ["Appointment started."] = "appointment-started",
        ["Not yet."] = "not-yet",
        ["Not a neighbourhood officer."] = "not-an-officer",
        ["This Idempotency-Key was used for another request."] = "key-reused",
        ["Too many requests."] = "too-many-requests",
        ["Storage is not reachable."] = "unavailable",
    };

    private static readonly (Regex Pattern, string Code)[] TitlePatterns =
    [
        (new("^The [a-z ]+ keeps changing\\.$"), "keeps-changing"),
        (new("^The [a-z ]+ changed meanwhile\\.$"), "changed-meanwhile"),
    ];

    private static readonly Dictionary<int, string> ByStatus = new()
    {
        [StatusCodes.Status400BadRequest] = "bad-request",
        [StatusCodes.Status401Unauthorized] = "sign-in",
        [StatusCodes.Status403Forbidden] = "forbidden",
        [StatusCodes.Status404NotFound] = "not-found",
        [StatusCodes.Status405MethodNotAllowed] = "bad-request",
        [StatusCodes.Status409Conflict] = "conflict",
        [StatusCodes.Status412PreconditionFailed] = "changed-meanwhile",
        [StatusCodes.Status413PayloadTooLarge] = "too-large",
        [StatusCodes.Status415UnsupportedMediaType] = "bad-request",
        [StatusCodes.Status422UnprocessableEntity] = "bad-request",
        [StatusCodes.Status428PreconditionRequired] = "bad-request",
        [StatusCodes.Status429TooManyRequests] = "too-many-requests",
        [StatusCodes.Status503ServiceUnavailable] = "unavailable",
    };
}
