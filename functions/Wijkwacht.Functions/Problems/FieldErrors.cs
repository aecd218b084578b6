namespace Wijkwacht.Problems;

/// <summary>
/// What is wrong with a request, per field: a message for people (English, shown as is by older pages) and a
/// stable code for programs (pages translate by it). Every code is listed in docs/errors.md.
/// </summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<(string Code, string Message)>> _fields = new(StringComparer.Ordinal);

    public int Count => _fields.Count;

    public bool Contains(string field) => _fields.ContainsKey(field);

    public FieldErrors Add(string field, string code, string message)
    {
        if (!_fields.TryGetValue(field, out var errors))
        {
            _fields[field] = errors = [];
        }

        errors.Add((code, message));
        return this;
    }

    public static FieldErrors One(string field, string code, string message) => new FieldErrors().Add(field, code, message);

    /// <summary>The errors: { field: [message…] }, as ASP.NET Core's validation problems have them.</summary>
    public Dictionary<string, string[]> Messages() => _fields.ToDictionary(f => f.Key, f => f.Value.Select(e => e.Message).ToArray(), StringComparer.Ordinal);

    /// <summary>The codes: { field: [code…] }, in the order of the messages.</summary>
    public Dictionary<string, string[]> Codes() => _fields.ToDictionary(f => f.Key, f => f.Value.Select(e => e.Code).ToArray(), StringComparer.Ordinal);

    /// <summary>
    /// The code of a message written by DataAnnotations or the validation filter, which carry no code of their
    /// own: recognised by the framework's standard wording, "invalid" otherwise.
    /// </summary>
    public static string CodeOf(string message) => message switch
    {
        _ when message.Contains("is required", StringComparison.Ordinal) => ErrorCodes.Required,
        _ when message.Contains("maximum length", StringComparison.Ordinal) || message.Contains("Keep ", StringComparison.Ordinal) && message.Contains(" under ", StringComparison.Ordinal) => ErrorCodes.TooLong,
        _ when message.Contains("minimum length", StringComparison.Ordinal) => ErrorCodes.TooShort,
        _ when message.Contains("must be between", StringComparison.Ordinal) => ErrorCodes.OutOfRange,
        _ when message.Contains("regular expression", StringComparison.Ordinal) || message.StartsWith("Use ", StringComparison.Ordinal) => ErrorCodes.Format,
        _ when message.Contains("wrong type or format", StringComparison.Ordinal) => ErrorCodes.WrongType,
        _ => ErrorCodes.Invalid,
    };
}
