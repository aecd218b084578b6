using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Wijkwacht.Tests.Hardening;

/// <summary>The smaller holes an outside probe found, each closed and checked through HTTP on Azurite.</summary>
public sealed class ProbeFindingsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("status")]
    [InlineData("partner")]
    [InlineData("overdue")]
    public async Task ADossierFilterGivenWithoutAValueIsA400NamingIt(string parameter)
    {
        var response = await _app.ClientAs("coordinator-1", "coordinator").GetAsync($"/api/dossiers?{parameter}=");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty(parameter, out _));
    }

    [Fact]
    public async Task RenewingThePartnerLinkTwiceWithinAMinuteMailsBothLinksAndTheLastOneWorks()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");

        var first = await coordinator.PostAsync($"/api/dossiers/{dossierId}/partner-link", null);
        var second = await coordinator.PostAsync($"/api/dossiers/{dossierId}/partner-link", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        var renewals = outbox.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("id").GetString()!.StartsWith($"{dossierId}-new-link-", StringComparison.Ordinal))
            .OrderBy(i => i.GetProperty("sentAt").GetDateTimeOffset()).Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(2, renewals.Count);
        var latest = (await _app.MailAsync(renewals[^1]))!.Value.Body;
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(latest, @"http://\S+/partner/\?\S+").Value);
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{dossierId}?token={Uri.EscapeDataString(token)}")).StatusCode);
    }

    [Fact]
    public async Task ACrossSiteFormCannotReachAStateChangingEndpoint()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        var refused = new List<HttpResponseMessage>
        {
            await coordinator.PostAsync($"/api/dossiers/{dossierId}/partner-link", new FormUrlEncodedContent([new("x", "1")])),
            await coordinator.PostAsync($"/api/dossiers/{dossierId}/partner-link", new StringContent("x=1", Encoding.UTF8, "text/plain")),
            await coordinator.PostAsync($"/api/dossiers/{dossierId}/transitions", new MultipartFormDataContent { { new StringContent("acknowledged"), "to" } }),
            await _app.CreateClient().PostAsync("/api/bookings", new FormUrlEncodedContent([new("officerId", "officer-marc")])),
        };
        var withBodyButNoType = new ByteArrayContent("{}"u8.ToArray());
        refused.Add(await coordinator.PostAsync($"/api/dossiers/{dossierId}/partner-link", withBodyButNoType));

        foreach (var response in refused)
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("Send the body as application/json.", (await response.ProblemAsync()).GetProperty("title").GetString());
        }

        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        Assert.DoesNotContain(outbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString()!.Contains("-new-link-", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/dossiers/{dossierId}/partner-link", null)).StatusCode); // no body at all is fine
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://168.63.129.16/machine")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/hook")]
    [InlineData("https://[2002:a9fe:a9fe::1]/hook")]
    [InlineData("https://[::a9fe:a9fe]/hook")]
    [InlineData("https://[::ffff:10.0.0.1]/hook")]
    [InlineData("https://[fd00::1]/hook")]
    // (The loopback stays allowed in Development only, for a test listener; outside it is refused like these.)
    public async Task AWebhookToAnInternalAddressIsRefusedWhenThePartnerIsSaved(string url)
    {
        var response = await _app.ClientAs("coordinator-1", "coordinator").PostAsJsonAsync("/api/partners",
            new { id = "hook-probe", name = "Probe", language = "nl", webhookUrl = url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ProblemAsync()).GetProperty("errors").TryGetProperty("webhookUrl", out _));
    }

    [Fact]
    public async Task AWardenWhoseUserIdIsAllStillSeesOnlyTheirOwnObservations()
    {
        var theirs = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await _app.ClientAs("all", "warden").PostAsJsonAsync("/api/observations", Requests.Observation(theirs))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _app.ClientAs("warden-1", "warden").PostAsJsonAsync("/api/observations", Requests.Observation())).StatusCode);

        var listed = await _app.ClientAs("all", "warden").GetFromJsonAsync<JsonElement>("/api/observations");
        var everyone = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>("/api/observations?mine=false");

        Assert.Equal([theirs], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.True(everyone.GetProperty("items").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task APhotoUploadAskedForJustBeforeTheCorrectionWindowClosesCannotBeConfirmedAfterIt()
    {
        // The app's clock starts a day (less a minute) back, so the upload URL it makes at the window's end is valid now.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await using var app = new WijkwachtApp(azurite, time);
        var warden = app.ClientAs("warden-1", "warden");
        var id = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await warden.PostAsJsonAsync("/api/observations", Requests.Observation(id, now: time.GetUtcNow()))).StatusCode);
        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(2)); // two minutes before the window closes
        var photoId = Guid.NewGuid();
        var upload = await (await warden.PostAsJsonAsync($"/api/observations/{id}/photos", new { photoId, contentType = "image/jpeg" })).JsonAsync();
        using var storage = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0xFF, 0xD9]) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);

        time.Advance(TimeSpan.FromMinutes(3));
        var confirmed = await warden.PostAsync($"/api/observations/{id}/photos/{photoId}/confirm", null);

        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        Assert.Equal("The time to correct this observation has passed.", (await confirmed.ProblemAsync()).GetProperty("title").GetString());
        Assert.Empty((await warden.GetFromJsonAsync<JsonElement>($"/api/observations/{id}")).GetProperty("photos").EnumerateArray());
    }
}
