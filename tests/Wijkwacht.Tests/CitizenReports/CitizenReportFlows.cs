using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.CitizenReports;

/// <summary>What a citizen does on the report page, and what they find in their mailbox.</summary>
public static partial class CitizenReportFlows
{
    public const string Description = "Drie zakken afval naast de glasbak, al sinds maandag.";

    /// <summary>A valid report at its own spot in the centre of Brussels (see Requests.Observation).</summary>
    public static Dictionary<string, object?> Report(string category = "illegal-dumping", string? email = "an.peeters@example.com", string language = "nl")
    {
        var spot = Requests.Observation(category: category);
        return Report(category, (double)spot["latitude"]!, (double)spot["longitude"]!, email, language);
    }

    public static Dictionary<string, object?> Report(string category, double latitude, double longitude, string? email = "an.peeters@example.com", string language = "nl") => new()
    {
        ["category"] = category,
        ["latitude"] = latitude,
        ["longitude"] = longitude,
        ["description"] = Description,
        ["email"] = email,
        ["language"] = language,
    };

    public static async Task<HttpResponseMessage> SubmitAsync(this WijkwachtApp app, Dictionary<string, object?> report, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/citizen-reports") { Content = JsonContent.Create(report) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await app.CreateClient().SendAsync(request);
    }

    /// <summary>Submits a report and returns its reference, the status link's token and the id of its observation.</summary>
    public static async Task<(string Reference, string Token, Guid ObservationId)> SubmitReportAsync(this WijkwachtApp app, Dictionary<string, object?> report)
    {
        var key = Guid.NewGuid().ToString();
        var answer = await app.SubmitAsync(report, key);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var receipt = await answer.JsonAsync();
        var statusUrl = new Uri(receipt.GetProperty("statusUrl").GetString()!);
        return (receipt.GetProperty("reference").GetString()!, Flows.Query(statusUrl, "token"), Wijkwacht.CitizenReports.CitizenReport.IdFor(key));
    }

    public static Task<HttpResponseMessage> StatusAsync(this WijkwachtApp app, string reference, string token) =>
        app.CreateClient().GetAsync($"/api/citizen-reports/{reference}?token={Uri.EscapeDataString(token)}");

    /// <summary>Waits until the report's observation is in a forwarded dossier, as the coordinator sees it.</summary>
    public static async Task<string> ForwardedDossierOfReportAsync(this WijkwachtApp app, Guid observationId)
    {
        var coordinator = app.ClientAs("coordinator-1", "coordinator");
        var dossierId = await Eventually.GetAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/observations/{observationId}")).GetProperty("dossierId").GetString(), $"report {observationId} to get a dossier");
        await Eventually.TrueAsync(async () => (await app.DossierAsync(dossierId)).GetProperty("status").GetString() != "new", $"dossier {dossierId} to be forwarded");
        return dossierId;
    }

    /// <summary>The link in a mail's body that opens the report's status page.</summary>
    public static Uri StatusLinkIn(string body) => new(StatusLink().Match(body).Value);

    [GeneratedRegex(@"http://\S+/report/status/\?\S+")]
    private static partial Regex StatusLink();
}
