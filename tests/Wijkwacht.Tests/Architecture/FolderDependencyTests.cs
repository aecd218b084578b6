using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Architecture;

/// <summary>
/// The handler's folders are its features and a few shared mechanisms. A folder may use another, but never the
/// other way round as well: a concept spread over two folders is what this guards against.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly string Source = Path.Combine(Repository.Root, "functions", "Wijkwacht.Functions");

    [Fact]
    public void NoTwoFoldersOfTheHandlerUseEachOther()
    {
        var uses = FolderUses();
        var cycles = (from a in uses.Keys
                      from b in uses[a]
                      where string.CompareOrdinal(a, b) < 0 && uses.TryGetValue(b, out var back) && back.Contains(a)
                      select $"{a} <-> {b}").ToList();

        Assert.True(cycles.Count == 0, $"Folders that use each other: {string.Join(", ", cycles)}");
    }

    [Fact]
    public void TheSchedulerUsesNoFeature()
    {
        Assert.Subset(new HashSet<string> { "Messaging", "Storage" }, FolderUses()["Scheduling"]);
    }

    [Fact]
    public void TheDependencyReaderSeesAUsingDirectiveAndAQualifiedName()
    {
        // The reader itself, on two made-up files: a test that cannot see a dependency proves nothing.
        Assert.Equal(["Dossiers", "Observations"], UsedFolders("""
            using Wijkwacht.Dossiers;
            namespace Wijkwacht.Agenda;
            class A(Observations.ObservationStore store);
            """, ["Agenda", "Dossiers", "Observations", "Time"]).Order());
    }

    /// <summary>For each folder, the other folders its files name: by using directive or by a qualified type name.</summary>
    private static Dictionary<string, HashSet<string>> FolderUses()
    {
        var folders = Directory.GetDirectories(Source)
            .Where(d => Directory.EnumerateFiles(d, "*.cs").Any())
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name is not ("bin" or "obj"))
            .ToList();
        Assert.Contains("Dossiers", folders);
        return folders.ToDictionary(
            folder => folder,
            folder => Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs")
                .SelectMany(file => UsedFolders(File.ReadAllText(file), folders))
                .Where(used => used != folder)
                .ToHashSet());
    }

    private static IEnumerable<string> UsedFolders(string code, IReadOnlyList<string> folders)
    {
        var used = UsingDirective().Matches(code).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var folder in folders)
        {
            // Inside namespace Wijkwacht.X, "Observations.ObservationStore" means Wijkwacht.Observations.ObservationStore.
            if (Regex.IsMatch(code, $@"(?<![\w.""/])(Wijkwacht\.)?{folder}\.[A-Z]\w*\b(?!\s*;)", RegexOptions.None, TimeSpan.FromSeconds(1))
                && !code.Contains($"namespace Wijkwacht.{folder};", StringComparison.Ordinal))
            {
                used.Add(folder);
            }
        }

        return used.Where(folders.Contains);
    }

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?Wijkwacht\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
