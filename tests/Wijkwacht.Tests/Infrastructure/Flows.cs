using System.Text;
using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Infrastructure;

/// <summary>Steps many tests take through the app, as its users would.</summary>
public static partial class Flows
{
    /// <summary>Records an observation as a warden and waits until its dossier is forwarded to the partner.</summary>
    public static Task<string> RecordAndForwardAsync(this WijkwachtApp app, Guid observationId, string category = "illegal-dumping", DateTimeOffset? now = null) =>
        app.RecordAndForwardAsync(Requests.Observation(observationId, category, now));

    public static async Task<string> RecordAndForwardAsync(this WijkwachtApp app, Dictionary<string, object?> observation)
    {
        var created = await app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", observation);
        Assert.True(created.IsSuccessStatusCode, $"Recording the observation answered {(int)created.StatusCode}.");
        return await app.ForwardedDossierOfAsync((Guid)observation["id"]!);
    }

    /// <summary>Waits until the observation has a dossier and that dossier has been forwarded.</summary>
    public static async Task<string> ForwardedDossierOfAsync(this WijkwachtApp app, Guid observationId)
    {
        var warden = app.ClientAs("warden-1", "warden");
        var coordinator = app.ClientAs("coordinator-1", "coordinator");
        var dossierId = await Eventually.GetAsync(async () =>
            (await warden.GetFromJsonAsync<JsonElement>($"/api/observations/{observationId}")).GetProperty("dossierId").GetString(), $"observation {observationId} to get a dossier");
        await Eventually.TrueAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}")).GetProperty("status").GetString() != "new", $"dossier {dossierId} to be forwarded");
        return dossierId;
    }

    /// <summary>The link to the partner page in the mail that forwarded the dossier, as the partner receives it.</summary>
    /// <param name="forwarding">Which forwarding's mail: 1 for the first partner, 2 after a reassignment.</param>
    public static async Task<Uri> PartnerLinkFromMailAsync(this WijkwachtApp app, string dossierId, int forwarding = 1)
    {
        // The dossier is saved as forwarded just before its mail goes out: the mail may still be on its way.
        var client = app.CreateClient();
        var eml = await Eventually.GetAsync(async () =>
        {
            using var answer = await client.GetAsync($"/api/dev/outbox/{dossierId}{(forwarding == 1 ? "" : $"-{forwarding}")}-forwarded");
            return answer.StatusCode == HttpStatusCode.NotFound ? null : await answer.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        }, $"the mail that forwarded dossier {dossierId}");
        var body = Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(eml[(eml.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Split("\r\n"))));
        return new Uri(PartnerLink().Match(body).Value);
    }

    [GeneratedRegex(@"http://\S+/partner/\?\S+")]
    private static partial Regex PartnerLink();
}
