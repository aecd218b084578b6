using Wijkwacht.Problems;

namespace Wijkwacht.Tests.Problems;

/// <summary>
/// Every problem the API answers carries a stable machine code for the problem and for each field, which the
/// static pages translate: the English sentences never reach a Dutch or French reader.
/// </summary>
public sealed class ProblemCodeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AnObservationOutsideTheMunicipalityIsRefusedWithACodePerField()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var request = Requests.Observation(Guid.NewGuid(), "illegal-dumping", null, 51.2194, 4.4025); // Antwerp
        request["subcategory"] = "no-such-kind";

        var problem = await (await warden.PostAsJsonAsync("/api/observations", request)).ProblemAsync();

        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal("invalid-input", problem.GetProperty("code").GetString());
        Assert.Equal(["outside-municipality"], Codes(problem, "latitude"));
        Assert.Equal(["unknown-value"], Codes(problem, "subcategory"));
        Assert.Equal("This place is outside the municipality.", problem.GetProperty("errors").GetProperty("latitude")[0].GetString());
    }

    [Fact]
    public async Task ValidationByAttributesAndUnreadableBodiesGetCodesToo()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var tooLong = Requests.Observation();
        tooLong["description"] = new string('x', 5000);
        tooLong.Remove("category");

        var attributes = await (await warden.PostAsJsonAsync("/api/observations", tooLong)).ProblemAsync();
        var unknownField = await (await warden.PostAsJsonAsync("/api/observations", new Dictionary<string, object?>(Requests.Observation()) { ["colour"] = "red" })).ProblemAsync();

        Assert.Equal(["too-long"], Codes(attributes, "description"));
        Assert.Equal(["required"], Codes(attributes, "category"));
        Assert.Equal(["unknown-field"], Codes(unknownField, "colour"));
    }

    [Fact]
    public async Task ProblemsWithoutFieldsCarryACodeForTheWholeProblem()
    {
        var warden = _app.ClientAs("warden-1", "warden");
        var id = Guid.NewGuid();
        await warden.PostAsJsonAsync("/api/observations", Requests.Observation(id));

        var reused = await (await warden.PostAsJsonAsync("/api/observations", Requests.Observation(id, category: "noise"))).ProblemAsync();
        var missing = await (await warden.GetAsync($"/api/observations/{Guid.NewGuid()}")).ProblemAsync();
        var badLink = await (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{Guid.NewGuid()}?token=forged.token")).ProblemAsync();

        Assert.Equal("id-taken", reused.GetProperty("code").GetString());
        Assert.Equal("not-found", missing.GetProperty("code").GetString());
        Assert.Equal("link-invalid", badLink.GetProperty("code").GetString());
    }

    [Fact]
    public void EveryCodeTheApiGivesHasATextInDutchFrenchAndEnglish()
    {
        foreach (var language in new[] { "nl", "fr", "en" })
        {
            var texts = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "static-web", "i18n", $"{language}.json"))).RootElement;
            var missing = typeof(ErrorCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
                .Where(code => !texts.TryGetProperty($"problem.code.{code}", out var text) || string.IsNullOrWhiteSpace(text.GetString()))
                .ToList();
            Assert.True(missing.Count == 0, $"{language}.json has no text for: {string.Join(", ", missing)}");
        }
    }

    private static string?[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(c => c.GetString())];
}
