using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Wijkwacht.Identity;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>The partner side: the link in the partner's e-mail opens its dossier, and only that, without an account.</summary>
public sealed partial class PartnerDossierTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task ThePartnerOpensTheLinkFromItsMailThenAcknowledgesAndResolvesTheDossier()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var link = await _app.PartnerLinkFromMailAsync(dossierId);
        Assert.Equal("/partner/", link.AbsolutePath);
        var token = Flows.Query(link, "token");
        var partner = _app.CreateClient(); // no account, no roles

        var view = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/dossiers/{dossierId}?token={Uri.EscapeDataString(token)}");
        Assert.Equal("forwarded", view.GetProperty("status").GetString());
        Assert.Equal("Sluikstorten", view.GetProperty("categoryLabel").GetString());
        Assert.Equal(["acknowledge", "resolve", "reject"], view.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        Assert.False(view.ToString().Contains("warden-1", StringComparison.Ordinal), "The partner must not see who observed it.");

        var acknowledged = await partner.PostAsync($"/api/partner/dossiers/{dossierId}/acknowledge?token={Uri.EscapeDataString(token)}", null);
        var resolved = await partner.PostAsJsonAsync($"/api/partner/dossiers/{dossierId}/resolve?token={Uri.EscapeDataString(token)}", new { note = "Opgeruimd om 14u." });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("resolved", (await resolved.JsonAsync()).GetProperty("status").GetString());
        var dossier = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        var history = dossier.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Forwarded-Acknowledged", "Acknowledged-Resolved"], history.Select(h => h.GetProperty("change").GetString()));
        Assert.Equal("Opgeruimd om 14u.", history[1].GetProperty("note").GetString());
        Assert.Equal("partner:net-brussel", history[0].GetProperty("by").GetString());
    }

    [Fact]
    public async Task EveryUnusableLinkGetsTheSameNeutralAnswer()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var otherDossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var links = _app.Services.GetRequiredService<SignedLinks>();
        var token = Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token");
        var otherPurpose = links.Issue(LinkPurpose.CitizenStatus, dossierId, TimeSpan.FromDays(1));
        var expired = links.Issue(LinkPurpose.PartnerDossier, dossierId, TimeSpan.FromSeconds(-1));
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var client = _app.CreateClient();

        var answers = new List<HttpResponseMessage>
        {
            await client.GetAsync($"/api/partner/dossiers/{otherDossierId}?token={Uri.EscapeDataString(token)}"),
            await client.GetAsync($"/api/partner/dossiers/{dossierId}?token={Uri.EscapeDataString(otherPurpose)}"),
            await client.GetAsync($"/api/partner/dossiers/{dossierId}?token={Uri.EscapeDataString(expired)}"),
            await client.GetAsync($"/api/partner/dossiers/{dossierId}?token={Uri.EscapeDataString(forged)}"),
            await client.GetAsync($"/api/partner/dossiers/{dossierId}"),
            await client.PostAsync($"/api/partner/dossiers/{otherDossierId}/resolve?token={Uri.EscapeDataString(token)}", null),
        };
        await links.RevokeAsync(LinkPurpose.PartnerDossier, dossierId, default);
        answers.Add(await client.GetAsync($"/api/partner/dossiers/{dossierId}?token={Uri.EscapeDataString(token)}"));

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
            var problem = await answer.ProblemAsync();
            Assert.Equal("This link cannot be used.", problem.GetProperty("title").GetString());
        }

        var other = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{otherDossierId}");
        Assert.Equal("forwarded", other.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ThePartnerSeesThePhotosThroughShortLivedAddressesAskedForWithItsLink()
    {
        var observationId = Guid.NewGuid();
        var dossierId = await _app.RecordAndForwardAsync(observationId);
        var warden = _app.ClientAs("warden-1", "warden");
        var photoId = Guid.NewGuid();
        var upload = await (await warden.PostAsJsonAsync($"/api/observations/{observationId}/photos", new { photoId, contentType = "image/png" })).JsonAsync();
        using var storage = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
        await warden.PostAsync($"/api/observations/{observationId}/photos/{photoId}/confirm", null);
        var token = Uri.EscapeDataString(Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token"));
        var partner = _app.CreateClient();

        var view = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/dossiers/{dossierId}?token={token}");
        var photo = await partner.GetFromJsonAsync<JsonElement>($"/api/partner/dossiers/{dossierId}/photos/{photoId}?token={token}");
        var forged = await partner.GetAsync($"/api/partner/dossiers/{dossierId}/photos/{photoId}?token=x{token}");

        Assert.Equal(photoId, Assert.Single(view.GetProperty("observations")[0].GetProperty("photos").EnumerateArray()).GetGuid());
        var served = await storage.GetAsync(photo.GetProperty("url").GetString());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task APartnerResolvesWithAPhotoOfTheResultThatTheCoordinatorSees()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var token = Uri.EscapeDataString(Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token"));
        var partner = _app.CreateClient();
        using var storage = new HttpClient();
        var photoId = Guid.NewGuid();
        var spoofId = Guid.NewGuid();
        foreach (var (id, bytes) in new[] { (photoId, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0 }), (spoofId, "<html></html>"u8.ToArray()) })
        {
            var upload = await (await partner.PostAsJsonAsync($"/api/partner/dossiers/{dossierId}/photos?token={token}", new { photoId = id, contentType = "image/jpeg" })).JsonAsync();
            using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(bytes) };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
        }

        var spoofed = await partner.PostAsJsonAsync($"/api/partner/dossiers/{dossierId}/resolve?token={token}", new { note = "Opgeruimd", photoId = spoofId });
        var resolved = await partner.PostAsJsonAsync($"/api/partner/dossiers/{dossierId}/resolve?token={token}", new { note = "Opgeruimd", photoId });

        Assert.Equal(HttpStatusCode.BadRequest, spoofed.StatusCode);
        Assert.True((await spoofed.ProblemAsync()).GetProperty("errors").TryGetProperty("photoId", out _));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        var dossier = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        Assert.Equal(photoId, dossier.GetProperty("history").EnumerateArray().Last().GetProperty("photo").GetGuid());
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = partner.BaseAddress };
        noRedirects.DefaultRequestHeaders.Add("x-ms-client-principal", new Wijkwacht.Identity.ClientPrincipal("aad", "coordinator-1", "c", ["coordinator"]).Encode());
        var redirect = await noRedirects.GetAsync($"/api/dossiers/{dossierId}/photos/{photoId}");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("image/jpeg", (await storage.GetAsync(redirect.Headers.Location)).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ACoordinatorRenewsThePartnerLinkAndOnlyTheNewOneWorks()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var oldToken = Uri.EscapeDataString(Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token"));

        var renewed = await _app.ClientAs("coordinator-1", "coordinator").PostAsync($"/api/dossiers/{dossierId}/partner-link", null);

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var outbox = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/dev/outbox");
        var mailId = outbox.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Single(i => i.StartsWith($"{dossierId}-new-link-", StringComparison.Ordinal));
        var eml = await _app.CreateClient().GetStringAsync($"/api/dev/outbox/{mailId}");
        var body = Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(eml[(eml.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Split("\r\n"))));
        var newToken = Uri.EscapeDataString(Flows.Query(new Uri(PartnerLinkPattern().Match(body).Value), "token"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{dossierId}?token={oldToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{dossierId}?token={newToken}")).StatusCode);
    }

    [GeneratedRegex(@"http://\S+/partner/\?\S+")]
    private static partial Regex PartnerLinkPattern();

    [Fact]
    public async Task RejectingNeedsAReasonAndAClosedDossierCannotMoveAgain()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var token = Uri.EscapeDataString(Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token"));
        var partner = _app.CreateClient();

        var withoutReason = await partner.PostAsync($"/api/partner/dossiers/{dossierId}/reject?token={token}", null);
        var rejected = await partner.PostAsJsonAsync($"/api/partner/dossiers/{dossierId}/reject?token={token}", new { note = "Privéterrein: eigenaar aangeschreven." });
        var again = await partner.PostAsync($"/api/partner/dossiers/{dossierId}/acknowledge?token={token}", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutReason.StatusCode);
        await withoutReason.ProblemAsync();
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Illegal dossier transition.", (await again.ProblemAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task ACoordinatorReassignsTheDossierToAnotherPartnerWhoseLinkWorksWhileTheOldOneStops()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var oldToken = Uri.EscapeDataString(Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token"));
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");

        var reassigned = await coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "reassigned", partnerId = "green-spaces", reason = "Groenzone van de stad" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        await Eventually.TrueAsync(async () =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}")).GetProperty("status").GetString() == "forwarded", "forwarding to the new partner");

        var dossier = await coordinator.GetFromJsonAsync<JsonElement>($"/api/dossiers/{dossierId}");
        Assert.Equal("green-spaces", dossier.GetProperty("partnerId").GetString());
        // The dossier to the first partner, the notice to it that the dossier was withdrawn, the dossier to the new partner.
        Assert.Equal(["meldingen@net-brussel.example", "meldingen@net-brussel.example", "espaces-verts@brussels.example"], dossier.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("to").GetString()));
        var newToken = Uri.EscapeDataString(Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId, forwarding: 2), "token"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync($"/api/partner/dossiers/{dossierId}?token={oldToken}")).StatusCode);
        var view = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/partner/dossiers/{dossierId}?token={newToken}");
        Assert.Equal("Groendienst / Service des espaces verts", view.GetProperty("partnerName").GetString());
    }

    [Fact]
    public async Task ATransitionWithAStaleIfMatchIsRefusedWith412AndChangesNothing()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        var admin = _app.ClientAs("admin-1", "admin");
        // The forwarding records its audit entry right after the dossier (and its list rows) are saved.
        await Eventually.TrueAsync(async () => (await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entity=dossier&id={dossierId}")).GetProperty("entries").EnumerateArray()
            .Any(e => e.GetProperty("action").GetString() == "forwarded"), "the forwarding's audit entry");
        var staleETag = (await coordinator.GetAsync($"/api/dossiers/{dossierId}")).Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "acknowledged" })).StatusCode);
        var before = await coordinator.GetAsync($"/api/dossiers/{dossierId}");
        var trailBefore = (await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entity=dossier&id={dossierId}")).GetProperty("entries").GetArrayLength();

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{dossierId}/transitions") { Content = JsonContent.Create(new { to = "resolved" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", staleETag);
        var response = await coordinator.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("The dossier changed meanwhile.", (await response.ProblemAsync()).GetProperty("title").GetString());
        var after = await coordinator.GetAsync($"/api/dossiers/{dossierId}");
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(await before.Content.ReadAsStringAsync(), await after.Content.ReadAsStringAsync());
        Assert.Equal("acknowledged", (await after.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(trailBefore, (await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entity=dossier&id={dossierId}")).GetProperty("entries").GetArrayLength());

        using var current = new HttpRequestMessage(HttpMethod.Post, $"/api/dossiers/{dossierId}/transitions") { Content = JsonContent.Create(new { to = "resolved" }) };
        current.Headers.TryAddWithoutValidation("If-Match", after.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.SendAsync(current)).StatusCode);
    }

    [Fact]
    public async Task ReassigningNeedsAnExistingOtherPartner()
    {
        var dossierId = await _app.RecordAndForwardAsync(Guid.NewGuid());
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");

        var nobody = await coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "reassigned", partnerId = "nobody" });
        var same = await coordinator.PostAsJsonAsync($"/api/dossiers/{dossierId}/transitions", new { to = "reassigned", partnerId = "net-brussel" });

        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.True((await nobody.ProblemAsync()).GetProperty("errors").TryGetProperty("partnerId", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, same.StatusCode);
        await same.ProblemAsync();
    }
}
