using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Infra;

/// <summary>
/// What the Bicep templates in infra/ declare, read from their source: the app settings the function app gets and
/// the names of the queues, tables and containers they create. The templates keep these in plain literals (object
/// keys, `{ name: '…' }` entries, `var x = '…'`), which is what these patterns read; a setting written another way
/// is not seen, and the agreement tests then fail and point at it.
/// </summary>
internal sealed partial class BicepTemplates
{
    private readonly string _main;
    private readonly string _functionApp;

    private BicepTemplates(string main, string functionApp)
    {
        _main = main;
        _functionApp = functionApp;
    }

    public static BicepTemplates Load() => new(
        File.ReadAllText(Path.Combine(Repository.Root, "infra", "main.bicep")),
        File.ReadAllText(Path.Combine(Repository.Root, "infra", "modules", "functionapp.bicep")));

    /// <summary>Every app setting name, numbered ones (`__0`, `__${i}`) written `__N`.</summary>
    public IReadOnlySet<string> AppSettings()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in (string[])["wijkwachtSettings", "previousKeySettings"])
        {
            names.UnionWith(ObjectKeys(_main, variable));
        }

        // var closingDaySettings = toObject(range(...), i => 'WorkingDays__RecurringClosingDays__${i}', ...)
        names.UnionWith(ToObjectKeys().Matches(_main).Select(m => m.Groups["key"].Value));
        // functionapp.bicep: var derivedSettings = [ { name: '…', value: … } … ], and premiumSettings the same way.
        foreach (var variable in (string[])["derivedSettings", "premiumSettings"])
        {
            var declaration = _functionApp[_functionApp.IndexOf($"var {variable} =", StringComparison.Ordinal)..];
            declaration = declaration[..declaration.IndexOf("\n\n", StringComparison.Ordinal)];
            names.UnionWith(NameEntries().Matches(declaration).Select(m => m.Groups["name"].Value));
        }

        return names.Select(Numbered).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The value a setting gets in main.bicep's wijkwachtSettings, when it is a literal or a `var`.</summary>
    public string? SettingValue(string name)
    {
        var entry = Regex.Match(Block(_main, "var wijkwachtSettings ="), $@"^\s*{Regex.Escape(name)}:\s*(?<value>.+?)\s*$", RegexOptions.Multiline);
        return entry.Success ? Resolve(entry.Groups["value"].Value) : null;
    }

    public IReadOnlyList<string> ServiceBusQueues() => ModuleList("serviceBus", "queueNames");

    public IReadOnlyList<string> StorageContainers() => ModuleList("storage", "containerNames");

    public IReadOnlyList<string> StorageTables() => ModuleList("storage", "tableNames");

    public static string Numbered(string setting) => NumberedPart().Replace(setting, "__N");

    // module <symbol> '...' = { params: { <param>: [ a  'b' ] } }: the list's items, with vars resolved.
    private List<string> ModuleList(string module, string parameter)
    {
        var body = Block(_main, $"module {module} ");
        var list = Regex.Match(body, $@"\b{parameter}:\s*\[(?<items>[^\]]*)\]", RegexOptions.Singleline);
        if (!list.Success)
        {
            return [];
        }

        return [.. list.Groups["items"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => Resolve(item) ?? throw new InvalidOperationException($"main.bicep: cannot read '{item}' in {module}.{parameter}."))];
    }

    private string? Resolve(string expression)
    {
        if (Regex.Match(expression, "^'(?<text>[^'$]*)'$") is { Success: true } literal)
        {
            return literal.Groups["text"].Value;
        }

        return Regex.Match(_main, $@"^var {Regex.Escape(expression)} = '(?<text>[^'$]*)'\s*$", RegexOptions.Multiline) is { Success: true } variable
            ? variable.Groups["text"].Value
            : null;
    }

    // The keys of every object literal in the declaration, up to the blank line that ends it
    // (`var x = cond ? {} : { … }` included).
    private static IEnumerable<string> ObjectKeys(string source, string variable)
    {
        var start = source.IndexOf($"var {variable} =", StringComparison.Ordinal);
        var end = source.IndexOf("\n\n", start, StringComparison.Ordinal);
        return TopLevelKeys().Matches(source[start..end]).Select(m => m.Groups["key"].Value);
    }

    // The text between the brace that follows the marker and its matching closing brace (Bicep has no
    // braces inside its strings here, bar `${…}` interpolations, which are balanced).
    private static string Block(string source, string marker)
    {
        var start = source.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"No '{marker}' in the template.");
        }

        var open = source.IndexOf('{', start);
        for (int i = open, depth = 0; i < source.Length; i++)
        {
            depth += source[i] == '{' ? 1 : source[i] == '}' ? -1 : 0;
            if (depth == 0)
            {
                return source[(open + 1)..i];
            }
        }

        throw new InvalidOperationException($"'{marker}' is not closed.");
    }

    // A key at the first level of an object literal: two spaces of indentation, then key: value.
    [GeneratedRegex(@"^  (?<key>[A-Za-z_][A-Za-z0-9_]*):", RegexOptions.Multiline)]
    private static partial Regex TopLevelKeys();

    [GeneratedRegex(@"'(?<key>[A-Za-z0-9_]+__)\$\{i\}'")]
    private static partial Regex ToObjectKeys();

    [GeneratedRegex(@"\{\s*name:\s*'(?<name>[A-Za-z0-9_]+)'")]
    private static partial Regex NameEntries();

    [GeneratedRegex(@"__(\d+|\$\{i\})(?=__|$)|__$")]
    private static partial Regex NumberedPart();
}
