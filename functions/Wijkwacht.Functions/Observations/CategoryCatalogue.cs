using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Observations;

internal sealed record Category(string Code, IReadOnlyDictionary<string, string> Labels, bool Gas, IReadOnlyList<Subcategory> Subcategories)
{
    public string Label(string language) => Labels.TryGetValue(language, out var label) ? label : Labels["nl"];
}

internal sealed record Subcategory(string Code, IReadOnlyDictionary<string, string> Labels);

/// <summary>The nuisance categories, read from Data/categories.json: data, not code.</summary>
internal sealed class CategoryCatalogue
{
    private readonly Dictionary<string, Category> _byCode;

    public CategoryCatalogue(IReadOnlyList<Category> categories) =>
        _byCode = categories.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public IReadOnlyCollection<Category> All => _byCode.Values;

    public Category? Find(string code) => _byCode.GetValueOrDefault(code);

    public static CategoryCatalogue Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, CatalogueJsonContext.Default.CategoryFile)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new CategoryCatalogue(file.Categories);
    }
}

internal sealed record CategoryFile(IReadOnlyList<Category> Categories);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CategoryFile))]
internal sealed partial class CatalogueJsonContext : JsonSerializerContext;
