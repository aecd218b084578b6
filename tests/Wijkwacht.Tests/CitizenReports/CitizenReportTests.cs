using static Wijkwacht.Tests.CitizenReports.CitizenReportFlows;

namespace Wijkwacht.Tests.CitizenReports;

/// <summary>A citizen reports a problem, follows it through the signed link, and says whether it was fixed.</summary>
public sealed class CitizenReportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task AReportIsAcknowledgedInTheCitizensLanguageWithItsReferenceAndAnswerDateButNotItsDescription()
    {
        var answer = await _app.SubmitAsync(Report(language: "fr"), Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var receipt = await answer.JsonAsync();
        var reference = receipt.GetProperty("reference").GetString()!;
        Assert.Matches("^WW-[0-9A-Z]{4}-[0-9A-Z]{4}$", reference);
        Assert.True(receipt.GetProperty("acknowledgementMailed").GetBoolean());
        var mail = await Eventually.GetAsync(async () => (await _app.MailAsync($"{reference.ToLowerInvariant()}-received"))?.Body, "the acknowledgement");
        Assert.Contains(reference, mail);
        Assert.Contains("Dépôt clandestin", mail);
        Assert.Contains("Et maintenant ?", mail);
        Assert.Contains(DateOnly.Parse(receipt.GetProperty("expectedAnswerBy").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-BE")), mail);
        Assert.DoesNotContain("glasbak", mail); // the address is not proven: nothing the reporter wrote goes into the mail
        var link = StatusLinkIn(mail);
        Assert.Equal(reference, Flows.Query(link, "ref"));
        Assert.Equal(HttpStatusCode.OK, (await _app.StatusAsync(reference, Flows.Query(link, "token"))).StatusCode);
    }

    [Fact]
    public async Task TheReportIsForwardedLikeAnObservationAndItsReporterFollowsItToTheResolutionAndSaysItIsNotFixed()
    {
        var (reference, token, observationId) = await _app.SubmitReportAsync(Report());
        var dossierId = await _app.ForwardedDossierOfReportAsync(observationId);

        var forwardedMail = await Eventually.GetAsync(async () => (await _app.MailAsync($"{reference.ToLowerInvariant()}-forwarded"))?.Body, "the forwarding mail");
        Assert.Contains("Net Brussel", forwardedMail, StringComparison.OrdinalIgnoreCase);
        var status = await (await _app.StatusAsync(reference, token)).JsonAsync();
        Assert.Equal("forwarded", status.GetProperty("status").GetString());
        Assert.Equal(Description, status.GetProperty("description").GetString());
        Assert.False(status.TryGetProperty("email", out _));

        var partnerLink = await _app.PartnerLinkFromMailAsync(dossierId);
        var partnerToken = Flows.Query(partnerLink, "token");
        Assert.True((await _app.CreateClient().PostAsJsonAsync($"/api/partner/dossiers/{dossierId}/resolve?token={Uri.EscapeDataString(partnerToken)}", new { note = "Opgehaald op dinsdag." })).IsSuccessStatusCode);

        var resolvedMail = await Eventually.GetAsync(async () => (await _app.MailAsync($"{reference.ToLowerInvariant()}-resolved-0"))?.Body, "the resolution mail");
        var feedbackLink = StatusLinkIn(resolvedMail);
        status = await (await _app.StatusAsync(reference, Flows.Query(feedbackLink, "token"))).JsonAsync();
        Assert.Equal("resolved", status.GetProperty("status").GetString());
        Assert.Equal("Opgehaald op dinsdag.", status.GetProperty("publicNote").GetString());
        Assert.True(status.GetProperty("feedbackOpen").GetBoolean());

        var feedbackUrl = $"/api/citizen-reports/{reference}/feedback?token={Uri.EscapeDataString(Flows.Query(feedbackLink, "feedback"))}";
        var answered = await _app.CreateClient().PostAsJsonAsync(feedbackUrl, new { @fixed = false, reason = "came-back", comment = "Er ligt weer afval." });

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("not-fixed", (await answered.JsonAsync()).GetProperty("feedback").GetString());
        var dossier = await _app.DossierAsync(dossierId);
        Assert.Equal("in-progress", dossier.GetProperty("status").GetString());
        Assert.Equal("in-progress", (await (await _app.StatusAsync(reference, token)).JsonAsync()).GetProperty("status").GetString());

        // The same answer again changes and counts nothing; another answer is refused.
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().PostAsJsonAsync(feedbackUrl, new { @fixed = false, reason = "came-back" })).StatusCode);
        var other = await _app.CreateClient().PostAsJsonAsync(feedbackUrl, new { @fixed = true });
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("This report was answered already.", (await other.ProblemAsync()).GetProperty("title").GetString());
        var counts = await _app.ClientAs("coordinator-1", "coordinator").GetFromJsonAsync<JsonElement>("/api/citizen-feedback?partner=net-brussel");
        var count = Assert.Single(counts.EnumerateArray());
        Assert.Equal("illegal-dumping", count.GetProperty("category").GetString());
        Assert.Equal(1, count.GetProperty("notFixed").GetInt32());
        Assert.Equal(0, count.GetProperty("fixed").GetInt32());
    }

    [Fact]
    public async Task AStatusLinkOpensOnlyItsOwnReportAndCannotGiveFeedback()
    {
        var (reference, token, _) = await _app.SubmitReportAsync(Report());
        var (otherReference, _, _) = await _app.SubmitReportAsync(Report());

        Assert.Equal(HttpStatusCode.OK, (await _app.StatusAsync(reference, token)).StatusCode);
        var swapped = await _app.StatusAsync(otherReference, token);
        Assert.Equal(HttpStatusCode.Forbidden, swapped.StatusCode);
        Assert.Equal("This link cannot be used.", (await swapped.ProblemAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StatusAsync(reference, token[..^2] + "AA")).StatusCode);
        var feedback = await _app.CreateClient().PostAsJsonAsync($"/api/citizen-reports/{reference}/feedback?token={Uri.EscapeDataString(token)}", new { @fixed = true });
        Assert.Equal(HttpStatusCode.Forbidden, feedback.StatusCode);
    }

    [Fact]
    public async Task ARetryWithTheSameIdempotencyKeyGetsTheSameReferenceAndAnotherReportWithItIsRefused()
    {
        var key = Guid.NewGuid().ToString();
        var report = Report();
        var first = await (await _app.SubmitAsync(report, key)).JsonAsync();

        var retried = await _app.SubmitAsync(report, key);
        var changed = await _app.SubmitAsync(new Dictionary<string, object?>(report) { ["description"] = "Iets heel anders" }, key);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(first.GetProperty("reference").GetString(), (await retried.JsonAsync()).GetProperty("reference").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        Assert.Equal("This Idempotency-Key was used for another report.", (await changed.ProblemAsync()).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("website", "https://spam.example")]
    [InlineData("description", "Afval \u202Egpj.exe")]
    [InlineData("description", "zero\u200Bwidth")]
    [InlineData("address", "Nieuwstraat\u2066 1")]
    [InlineData("category", "no-such-category")]
    [InlineData("language", "de")]
    [InlineData("email", "not-an-address")]
    public async Task AReportWithABadFieldIsRefusedNamingTheField(string field, string value)
    {
        var answer = await _app.SubmitAsync(new Dictionary<string, object?>(Report()) { [field] = value });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True((await answer.ProblemAsync()).GetProperty("errors").TryGetProperty(field, out _), $"The problem names {field}.");
    }

    [Fact]
    public async Task AReportOutsideTheMunicipalityIsRefused()
    {
        var answer = await _app.SubmitAsync(Report("illegal-dumping", 51.2194, 4.4025)); // Antwerp

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True((await answer.ProblemAsync()).GetProperty("errors").TryGetProperty("latitude", out _));
    }

    [Fact]
    public async Task OpenReportsOfTheSameCategoryNearbyAreShownWithoutTheirTextOrReference()
    {
        var report = Report("graffiti-vandalism");
        var (_, _, observationId) = await _app.SubmitReportAsync(report);
        await _app.ForwardedDossierOfReportAsync(observationId);
        var (lat, lon) = ((double)report["latitude"]!, (double)report["longitude"]!);
        var client = _app.CreateClient();

        var near = await client.GetStringAsync(FormattableString.Invariant($"/api/citizen-reports/nearby?lat={lat + 0.0003}&lon={lon}&category=graffiti-vandalism"));
        var otherCategory = await client.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/citizen-reports/nearby?lat={lat}&lon={lon}&category=noise"));
        var far = await client.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/citizen-reports/nearby?lat={lat + 0.003}&lon={lon}&category=graffiti-vandalism"));

        var found = Assert.Single(JsonDocument.Parse(near).RootElement.EnumerateArray());
        Assert.Equal("forwarded", found.GetProperty("status").GetString());
        Assert.InRange(found.GetProperty("distanceMeters").GetInt32(), 30, 40);
        Assert.DoesNotContain("glasbak", near);
        Assert.DoesNotContain("WW-", near);
        Assert.Equal(0, otherCategory.GetArrayLength());
        Assert.Equal(0, far.GetArrayLength());
    }

    [Fact]
    public async Task AReporterAddsAPhotoStraightToBlobStorageAndAFakeOneIsRefused()
    {
        var (reference, token, _) = await _app.SubmitReportAsync(Report());
        var link = Uri.EscapeDataString(token);
        using var storage = new HttpClient();
        var photoId = Guid.NewGuid();
        var fakeId = Guid.NewGuid();
        foreach (var (id, bytes) in new[] { (photoId, new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0 }), (fakeId, "<html></html>"u8.ToArray()) })
        {
            var upload = await (await _app.CreateClient().PostAsJsonAsync($"/api/citizen-reports/{reference}/photos?token={link}", new { photoId = id, contentType = "image/jpeg" })).JsonAsync();
            using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString()) { Content = new ByteArrayContent(bytes) };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
        }

        var confirmed = await _app.CreateClient().PostAsync($"/api/citizen-reports/{reference}/photos/{photoId}/confirm?token={link}", null);
        var fake = await _app.CreateClient().PostAsync($"/api/citizen-reports/{reference}/photos/{fakeId}/confirm?token={link}", null);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fake.StatusCode);
        Assert.Equal(1, (await (await _app.StatusAsync(reference, token)).JsonAsync()).GetProperty("photos").GetInt32());
    }

    [Fact]
    public async Task AnAccessRequestExportsTheReportsHeldForAnAddress()
    {
        var email = $"export-{Guid.NewGuid():N}@example.com";
        var (reference, _, _) = await _app.SubmitReportAsync(Report(email: email));

        var export = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>($"/api/privacy/export?email={email}");

        var report = Assert.Single(export.GetProperty("citizenReports").EnumerateArray());
        Assert.Equal(reference, report.GetProperty("reference").GetString());
        Assert.Equal(email, report.GetProperty("email").GetString());
    }
}
