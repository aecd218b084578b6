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

    /// <summary>A dossier as the coordinator reads it.</summary>
    public static async Task<JsonElement> DossierAsync(this WijkwachtApp app, string id) =>
        await app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{id}");

    /// <summary>The mails in the development outbox, newest first.</summary>
    public static async Task<JsonElement> OutboxAsync(this WijkwachtApp app) =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox")).GetProperty("items");

    /// <summary>One value of a link's query string, unescaped.</summary>
    public static string Query(Uri link, string name) =>
        Uri.UnescapeDataString(link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1]);

    /// <summary>The link to the partner page in the mail that forwarded the dossier, as the partner receives it.</summary>
    /// <param name="forwarding">Which forwarding's mail: 1 for the first partner, 2 after a reassignment.</param>
    public static async Task<Uri> PartnerLinkFromMailAsync(this WijkwachtApp app, string dossierId, int forwarding = 1)
    {
        // The dossier is saved as forwarded just before its mail goes out: the mail may still be on its way.
        var id = $"{dossierId}{(forwarding == 1 ? "" : $"-{forwarding}")}-forwarded";
        var body = await Eventually.GetAsync(async () => (await app.MailAsync(id))?.Body, $"the mail that forwarded dossier {dossierId}");
        return new Uri(PartnerLink().Match(body).Value);
    }

    /// <summary>A mail from the outbox, with its text body and its attachments decoded.</summary>
    public static async Task<(string Eml, string Body, Dictionary<string, string> Attachments)?> MailAsync(this WijkwachtApp app, string id)
    {
        using var answer = await app.CreateClient().GetAsync($"/api/dev/outbox/{id}");
        if (answer.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var eml = await answer.EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var parts = Part().Matches(eml).Select(m => (Type: m.Groups["type"].Value, Content: Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups["body"].Value.Replace("\r\n", "", StringComparison.Ordinal))))).ToList();
        return (eml, parts.First(p => p.Type.StartsWith("text/plain", StringComparison.Ordinal)).Content,
            parts.Where(p => !p.Type.StartsWith("text/plain", StringComparison.Ordinal)).ToDictionary(p => p.Type, p => p.Content));
    }

    [GeneratedRegex(@"Content-Type: (?<type>[^\r\n]+)\r\n(?:[A-Za-z-]+: [^\r\n]+\r\n)*\r\n(?<body>[A-Za-z0-9+/=\r\n]+?)\r\n(?=--|\r\n|$)")]
    private static partial Regex Part();

    [GeneratedRegex(@"http://\S+/partner/\?\S+")]
    private static partial Regex PartnerLink();
}
