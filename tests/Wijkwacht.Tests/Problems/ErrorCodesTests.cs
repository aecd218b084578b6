using System.Reflection;
using System.Text.RegularExpressions;
using Wijkwacht.Problems;

namespace Wijkwacht.Tests.Problems;

/// <summary>Pages translate errors by their codes: every code the app can answer is documented, and only those.</summary>
public sealed partial class ErrorCodesTests(AzuriteFixture azurite)
{
    [Fact]
    public void EveryErrorCodeIsListedInTheErrorsDocumentAndTheDocumentListsNoOther()
    {
        var inCode = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var documented = DocumentedCode().Matches(File.ReadAllText(Path.Combine(Repository.Root, "docs", "errors.md")))
            .Select(m => m.Groups[1].Value).ToHashSet();

        Assert.Empty(inCode.Except(documented));
        Assert.Empty(documented.Except(inCode));
    }

    [Fact]
    public async Task AFieldErrorCarriesItsMessageAndItsCodeUnderTheSameFieldName()
    {
        await using var app = new WijkwachtApp(azurite);
        var observation = Requests.Observation();
        observation["observedAt"] = DateTimeOffset.UtcNow.AddDays(2);
        observation["description"] = new string('x', 2001);

        var response = await app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", observation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal("invalid-input", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetArrayLength());
        var codes = problem.GetProperty("codes").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.Equal(errors.Keys.Order(), codes.Keys.Order());
        Assert.All(errors, e => Assert.Equal(e.Value, codes[e.Key].Count));
        Assert.Equal(["too-long"], codes["description"]);
    }

    [Fact]
    public async Task ARefusalNotAboutAFieldCarriesItsCode()
    {
        await using var app = new WijkwachtApp(azurite);

        var response = await app.CreateClient().GetAsync($"/api/partner/dossiers/{Guid.NewGuid()}?token=forged.token");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("link-invalid", (await response.ProblemAsync()).GetProperty("code").GetString());
    }

    // A code in the tables of docs/errors.md: | `code` | …
    [GeneratedRegex(@"^\| `([a-z-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedCode();
}
