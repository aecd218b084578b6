using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Wijkwacht.Observations;

namespace Wijkwacht.Dossiers;

/// <summary>
/// What the dossier list shows and searches that lives on the observations: the first one's place, address,
/// sub-category and text, and the words of every observation's description and address.
/// </summary>
internal sealed record DossierFacts(
    string? Subcategory,
    DateTimeOffset? RecordedAt,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? Summary,
    IReadOnlyList<string> Words)
{
    public const int SummaryLength = 140;

    [JsonIgnore]
    public string ObservationIds { get; init; } = "";

    /// <summary>The short reference used in mails and on screen: the first eight characters of the id.</summary>
    public static string ReferenceOf(string dossierId) => dossierId[..8];

    public static DossierFacts From(Dossier dossier, string observationIds, IReadOnlyList<Observation> observations)
    {
        var first = observations.Count > 0 ? observations[0] : null;
        var words = new List<string> { ReferenceOf(dossier.Id) };
        foreach (var o in observations)
        {
            words.AddRange(WordsOf($"{o.Address} {o.Description}"));
        }

        // Longer words first: they tell dossiers apart; the cap keeps a dossier's row count bounded.
        var kept = words.Take(1).Concat(words.Skip(1).Distinct(StringComparer.Ordinal).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal).Take(DossierIndex.MaxWords).ToList();
        var summary = first?.Description is { } text && text.Length > SummaryLength ? text[..SummaryLength] + "…" : first?.Description;
        return new DossierFacts(first?.Subcategory, first?.RecordedAt, first?.Latitude, first?.Longitude, first?.Address, summary, kept) { ObservationIds = observationIds };
    }

    public string Serialize() => JsonSerializer.Serialize(this, DossierFactsJsonContext.Default.DossierFacts);

    public static DossierFacts? Parse(string observationIds, string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, DossierFactsJsonContext.Default.DossierFacts)! with { ObservationIds = observationIds };

    /// <summary>
    /// The words a text is found by: lower case, without accents, letters and digits only, at least three long
    /// ("Rue de l'Étuve 12" → rue, etuve). A search looks for whole words.
    /// </summary>
    public static IEnumerable<string> WordsOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            decomposed = text; // not valid Unicode (a lone surrogate): its letters still count, its accents stay
        }

        var plain = new StringBuilder(text.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        foreach (var word in plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length >= 3)
            {
                yield return word.Length > 40 ? word[..40] : word;
            }
        }
    }
}

/// <summary>The state of a dossier that the status counts hold it in.</summary>
internal sealed record CountedState(string Status, string PartnerId, string Category, string Neighbourhood)
{
    public static CountedState Of(Dossier d) => new(d.Status.ToString(), d.PartnerId, d.Category, d.NeighbourhoodId ?? "-");

    public override string ToString() => $"{Status}|{PartnerId}|{Category}|{Neighbourhood}";

    public static CountedState? Parse(string? text) =>
        text?.Split('|') is [var s, var p, var c, var n] ? new CountedState(s, p, c, n) : null;
}

[JsonSerializable(typeof(DossierFacts))]
internal sealed partial class DossierFactsJsonContext : JsonSerializerContext;
