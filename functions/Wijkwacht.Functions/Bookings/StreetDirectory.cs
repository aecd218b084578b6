using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Bookings;

internal sealed record Street(IReadOnlyList<string> Names, double Latitude, double Longitude);

/// <summary>
/// The municipality's streets with a point on each (Data/streets.json), in Dutch and French: enough to find a
/// citizen's neighbourhood from an address typed as people type them ("rue neuve 12, 1000 bruxelles"),
/// without sending it to an outside geocoder.
/// </summary>
internal sealed class StreetDirectory(IReadOnlyList<Street> streets)
{
    private readonly List<(string Key, Street Street)> _byName =
        [.. streets.SelectMany(s => s.Names.Select(n => (Normalize(n), s))).OrderByDescending(e => e.Item1.Length)];

    /// <summary>
    /// The street named in the address, wherever it stands ("1000 Brussel, Nieuwstraat 12" too), as whole words;
    /// the longest matching name wins ("Grote Zavel" before "Zavel").
    /// </summary>
    public (string Name, Street Street)? Find(string address)
    {
        var text = $" {Normalize(address)} ";
        foreach (var (key, street) in _byName)
        {
            if (text.Contains($" {key} ", StringComparison.Ordinal))
            {
                return (street.Names.First(n => Normalize(n) == key), street);
            }
        }

        return null;
    }

    /// <summary>Lower case, no accents, letters and digits separated by single spaces.</summary>
    private static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public static StreetDirectory Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, StreetDirectoryJsonContext.Default.StreetFile) ?? throw new InvalidDataException($"{path} is empty.");
        return new StreetDirectory(file.Streets);
    }
}

internal sealed record StreetFile(IReadOnlyList<Street> Streets);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(StreetFile))]
internal sealed partial class StreetDirectoryJsonContext : JsonSerializerContext;
