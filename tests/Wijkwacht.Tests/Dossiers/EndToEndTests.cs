using System.Text;
using System.Text.RegularExpressions;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>
/// The whole path in real time with short delays: observation → dossier → e-mail → reminder → the partner
/// acknowledges through the link in its e-mail → no further reminders, though the delays keep passing.
/// </summary>
public sealed partial class EndToEndTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?>
    {
        ["FollowUp:ReminderDelay"] = "00:00:02",
        ["FollowUpSweepSchedule"] = "*/1 * * * * *",
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task APartnerRemindedOnceAcknowledgesThroughItsLinkAndHearsNoMore()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        await Eventually.TrueAsync(async () => (await OutboxIdsAsync()).Contains($"{dossierId}-forwarded"), "the mail that forwarded the dossier"); // sent right after the save

        await Eventually.TrueAsync(async () => (await OutboxIdsAsync()).Contains($"{dossierId}-acknowledgement-reminder-1"), "the first reminder");
        var token = LinkToken(await _app.CreateClient().GetStringAsync($"/api/dev/outbox/{dossierId}-acknowledgement-reminder-1"));
        var acknowledged = await _app.CreateClient().PostAsync($"/api/partner/dossiers/{dossierId}/acknowledge?token={Uri.EscapeDataString(token)}", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);

        await Task.Delay(Delay * 3); // the second reminder and the escalation would have fallen due by now
        var dossier = await coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        Assert.Equal("acknowledged", dossier.GetProperty("status").GetString());
        Assert.DoesNotContain(await OutboxIdsAsync(), id => id.StartsWith($"{dossierId}-acknowledgement-", StringComparison.Ordinal) && !id.EndsWith("-reminder-1", StringComparison.Ordinal));
        Assert.DoesNotContain(dossier.GetProperty("escalations").EnumerateArray(), e => e.GetProperty("deadline").GetString() == "acknowledgement");
        Assert.Equal(
            ["acknowledgement:1"],
            dossier.GetProperty("reminders").EnumerateArray().Where(r => r.GetProperty("deadline").GetString() == "acknowledgement").Select(r => $"acknowledgement:{r.GetProperty("step").GetInt32()}"));
    }

    private async Task<List<string>> OutboxIdsAsync() =>
        [.. (await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private static string LinkToken(string eml)
    {
        var body = Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(eml[(eml.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Split("\r\n"))));
        return Uri.UnescapeDataString(TokenInLink().Match(body).Groups[1].Value);
    }

    [GeneratedRegex(@"/partner/\?dossier=[^&\s]+&token=(\S+)")]
    private static partial Regex TokenInLink();
}
