using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Wijkwacht.Tests.Hardening;

/// <summary>
/// Hundreds of malformed requests over every endpoint that takes input: broken JSON, wrong types, huge bodies,
/// unicode edge cases, injection strings in every constrained field and query parameter, wrong content types.
/// Each must get a 4xx problem+json, never a 5xx, and together they must write nothing.
/// </summary>
public sealed class BadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Injections =
    [
        "' or PartitionKey ne '",
        "x' or 1 eq 1 or 'a' eq 'a",
        "<script>alert(1)</script>",
        "../../../etc/passwd",
        "..%2F..%2Fweb.config",
        "%00",
        "${jndi:ldap://127.0.0.1/x}",
        "{{7*7}}",
        "'; DROP TABLE Observations; --",
        "\u202Eevil",
        "\uD800",
        "a\u0000b",
        "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
        "\r\nX-Injected: yes",
        "ＡＢＣ",
        "💩💩💩",
    ];

    private static readonly string[] BrokenJson =
    [
        "", "{", "[", "}", "null", "\"text\"", "42", "true", "{\"a\":}", "{'single':'quotes'}", "{\"a\" 1}", "[1,2,", "\u0000",
        "{\"id\":\"5b1f0c1e-6a7e-4a8e-9d1e-2b9d3c0a1f00\",}", "{\"__proto__\":{\"admin\":true}}", "{\"constructor\":{}}",
    ];

    // No sweep during the run: a booking's follow-up step falling due would be a write of its own.
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?> { ["FollowUpSweepSchedule"] = "0 0 0 1 1 *" });
    private Guid _observationId;
    private string _dossierId = "";
    private string _token = "";
    private string _bookingId = "";
    private string _bookingToken = "";

    public async ValueTask InitializeAsync()
    {
        _observationId = Guid.NewGuid();
        _dossierId = await _app.RecordAndForwardAsync(_observationId);
        var link = await _app.PartnerLinkFromMailAsync(_dossierId);
        _token = Uri.UnescapeDataString(link.Query.Split("token=")[1]);

        var slots = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/officers/officer-marc/slots?type=phone");
        var start = slots.GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset();
        var booked = await _app.CreateClient().PostAsJsonAsync("/api/bookings", Bookings.BookingFlows.Request(start, "phone"));
        (_bookingId, _bookingToken) = Bookings.BookingFlows.Link(await booked.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>());
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EveryMalformedRequestGetsA4xxProblemAndNothingIsWritten()
    {
        await Task.Delay(1500); // let the forwarding's own writes (mail, audit, follow-up) settle
        await Eventually.TrueAsync(async () => (await QueuedMessagesAsync()).All(q => q.Count == 0), "the app's queues to drain");
        var before = await SnapshotAsync();
        Assert.Contains($"{_app.Setting("ForwardingQueue")}: 0 messages", before, StringComparison.Ordinal);
        var cases = Cases().ToList();
        var failures = new List<string>();

        foreach (var c in cases)
        {
            var client = c.Role is null ? _app.CreateClient() : _app.ClientAs(c.Role == "warden" ? "warden-1" : $"{c.Role}-1", c.Role);
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
            if (c.Body is not null)
            {
                request.Content = new ByteArrayContent(c.Body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var type = response.Content.Headers.ContentType?.MediaType;
            if (status is < 400 or >= 500 || type != "application/problem+json")
            {
                failures.Add($"{c.Method} {c.Path} [{c.Why}] → {status} {type}");
            }
            else
            {
                var body = await response.Content.ReadAsStringAsync();
                if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal) || body.Contains("Wijkwacht.", StringComparison.Ordinal))
                {
                    failures.Add($"{c.Method} {c.Path} [{c.Why}] → the problem shows internals: {body}");
                }
            }
        }

        Assert.True(cases.Count >= 200, $"Only {cases.Count} cases.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} malformed requests were not refused cleanly:\n{string.Join('\n', failures)}");
        await Task.Delay(500);
        Assert.Equal(before, await SnapshotAsync());
    }

    private sealed record Case(string Method, string Path, string? Role, byte[]? Body, string ContentType, string Why);

    private IEnumerable<Case> Cases()
    {
        var id = _observationId;
        var token = Uri.EscapeDataString(_token);
        var bookingToken = Uri.EscapeDataString(_bookingToken);
        var jsonBodies = new (string Method, string Path, string Role)[]
        {
            ("POST", "/api/observations", "warden"),
            ("PATCH", $"/api/observations/{id}", "warden"),
            ("POST", $"/api/observations/{id}/photos", "warden"),
            ("POST", "/api/partners", "coordinator"),
            ("PUT", "/api/partners/net-brussel", "coordinator"),
            ("PUT", "/api/routing-rules", "coordinator"),
            ("POST", $"/api/dossiers/{_dossierId}/transitions", "coordinator"),
            ("POST", $"/api/dossiers/{_dossierId}/notes", "coordinator"),
            ("POST", $"/api/dossiers/{_dossierId}/reassign", "coordinator"),
            ("POST", "/api/dossiers/bulk", "coordinator"),
            ("POST", "/api/me/filters", "coordinator"),
            ("POST", "/api/dev/signin", null!),
            ("POST", "/api/bookings", null!),
            ("POST", $"/api/bookings/{_bookingId}/reschedule?token={bookingToken}", null!),
            ("POST", $"/api/bookings/{_bookingId}/outcome", "officer"),
        };

        foreach (var (method, path, role) in jsonBodies)
        {
            foreach (var broken in BrokenJson)
            {
                yield return new(method, path, role, Encoding.UTF8.GetBytes(broken), "application/json", $"broken JSON {Shorten(broken)}");
            }

            yield return new(method, path, role, Encoding.UTF8.GetBytes("{\"a\":1}"), "text/plain", "wrong content type");
            yield return new(method, path, role, new byte[300 * 1024], "application/json", "huge body");
            yield return new(method, path, role, Encoding.UTF8.GetBytes(new string('[', 200) + new string(']', 200)), "application/json", "deep nesting");
            yield return new(method, path, role, [0xC3, 0x28, 0x7B, 0x7D], "application/json", "invalid UTF-8");
        }

        // Wrong types and constrained fields of a new observation.
        foreach (var (field, value) in new (string, object?)[]
        {
            ("id", 12), ("id", "not-a-uuid"), ("id", "00000000-0000-0000-0000-000000000000"), ("category", 5), ("category", new[] { "noise" }),
            ("latitude", "north"), ("latitude", 1e308), ("latitude", -91), ("longitude", true), ("longitude", 181), ("accuracy", -1), ("accuracy", "far"),
            ("observedAt", "yesterday"), ("observedAt", "2026-13-45T99:99:99Z"), ("observedAt", 1700000000), ("observedAt", "0001-01-01T00:00:00Z"),
            ("gas", "yes"), ("gas", new { offenderIdentified = "maybe" }), ("description", new string('x', 2001)), ("address", new string('a', 201)),
            ("subcategory", 7), ("hotspotId", new { }), ("unknownField", 1),
        })
        {
            var body = Requests.Observation();
            body[field] = value;
            yield return Json("POST", "/api/observations", "warden", body, $"observation {field}={Shorten(value?.ToString())}");
        }

        foreach (var injection in Injections)
        {
            foreach (var field in new[] { "category", "subcategory", "hotspotId" })
            {
                var body = Requests.Observation();
                body[field] = injection;
                yield return Json("POST", "/api/observations", "warden", body, $"injection in {field}");
            }

            yield return Json("PATCH", $"/api/observations/{id}", "warden", new Dictionary<string, object?> { ["category"] = injection }, "injection in a correction");
            yield return Json("POST", "/api/partners", "coordinator", new { id = injection, name = "X y", language = "nl", email = "a@b.example" }, "injection in partner id");
            yield return Json("POST", "/api/partners", "coordinator", new { id = "p-1", name = "X y", language = injection, email = "a@b.example" }, "injection in partner language");
            yield return Json("PUT", "/api/routing-rules", "coordinator", new { rules = new[] { new { category = injection, partnerId = "prevention" } } }, "injection in routing category");
            yield return Json("POST", "/api/dev/signin", null, new { userId = injection, roles = new[] { "warden" } }, "injection in sign-in user");

            var q = Uri.EscapeDataString(injection);
            yield return new("GET", $"/api/categories?lang={q}", null, null, "", "injection in lang");
            yield return new("GET", $"/api/dossiers?status={q}", "coordinator", null, "", "injection in status");
            yield return new("GET", $"/api/dossiers?partner={q}", "coordinator", null, "", "injection in partner");
            yield return new("GET", $"/api/dossiers?continuationToken={q}", "coordinator", null, "", "injection in continuation token");
            foreach (var name in new[] { "category", "neighbourhood", "overdue", "escalated", "from", "to", "sort" })
            {
                yield return new("GET", $"/api/dossiers?{name}={q}", "coordinator", null, "", $"injection in {name}");
                yield return new("GET", $"/api/dossiers/export.csv?{name}={q}", "coordinator", null, "", $"injection in export {name}");
            }

            if (DossierWords(injection) == 0)
            {
                yield return new("GET", $"/api/dossiers?q={q}", "coordinator", null, "", "injection in q without a word");
            }

            yield return new("GET", $"/api/dossiers/export.csv?separator={q}", "coordinator", null, "", "injection in separator");
            yield return Json("POST", $"/api/dossiers/{_dossierId}/notes", "coordinator", new { id = injection, text = "x" }, "injection in note id");
            yield return Json("POST", $"/api/dossiers/{_dossierId}/reassign", "coordinator", new { partnerId = injection }, "injection in reassign partner");
            yield return Json("POST", "/api/me/filters", "coordinator", new { name = "f", query = $"status={injection}" }, "injection in saved filter");
            yield return Json("POST", "/api/me/filters", "coordinator", new { name = "f", query = $"{injection}=1" }, "injection in saved filter name");
            if (!injection.Contains('\0', StringComparison.Ordinal) && !injection.Contains('/', StringComparison.Ordinal))
            {
                yield return new("DELETE", $"/api/me/filters/{q}", "coordinator", null, "", "injection in saved filter id");
            }
            yield return new("GET", $"/api/observations?mine={q}", "warden", null, "", "injection in mine");
            yield return new("GET", $"/api/observations?continuationToken={q}", "warden", null, "", "injection in continuation token");
            yield return new("GET", $"/api/audit?entity=dossier&id={q}", "admin", null, "", "injection in audit id");
            yield return new("GET", $"/api/audit?entity={q}&id=x", "admin", null, "", "injection in audit entity");
            yield return new("GET", $"/api/agenda?meeting={q}", "coordinator", null, "", "injection in meeting");
            yield return new("GET", $"/api/partner/dossiers/{_dossierId}?token={q}", null, null, "", "injection in token");
            if (!injection.Contains('\0', StringComparison.Ordinal))
            {
                // (A NUL in the path is refused by Kestrel itself, with a bare 400, before the app sees the request.)
                yield return new("GET", $"/api/dev/outbox/{q}", null, null, "", "injection in outbox id");
            }
        }

        // Route values that are not what the route takes.
        foreach (var bad in new[] { "not-a-guid", "..%2F..%2F", "%27%20or%201%3D1", "00000000-0000-0000-0000-00000000000Z" })
        {
            yield return new("GET", $"/api/observations/{bad}", "warden", null, "", "bad observation id");
            yield return new("GET", $"/api/dossiers/{bad}", "coordinator", null, "", "bad dossier id");
            yield return new("GET", $"/api/dossiers/{bad}/nearby", "coordinator", null, "", "bad nearby dossier id");
            yield return Json("POST", $"/api/dossiers/{bad}/notes", "coordinator", new { id = Guid.NewGuid(), text = "x" }, "bad note dossier id");
            yield return new("POST", $"/api/partner/dossiers/{bad}/resolve?token={token}", null, null, "", "bad partner dossier id");
        }

        // Wrong types and constrained fields of a booking; the start must be one of the officer's free times.
        foreach (var (field, value) in new (string, object?)[]
        {
            ("officerId", 5), ("officerId", "officer-nobody"), ("officerId", new string('o', 65)), ("type", "visit"), ("type", 1), ("start", "tomorrow"), ("start", 12345),
            ("start", "2020-01-06T10:00:00+01:00"), ("start", "2026-12-07T10:07:00+01:00"), ("start", null), ("name", ""), ("name", new string('n', 101)), ("name", 7),
            ("email", "not-an-email"), ("email", new string('e', 250) + "@x.be"), ("phone", "call me"), ("phone", new string('1', 31)), ("language", "de"),
            ("language", null), ("subject", ""), ("subject", new string('s', 501)), ("address", new string('a', 201)), ("unknownField", 1), ("officerId", null),
        })
        {
            var body = Bookings.BookingFlows.Request(DateTimeOffset.Parse("2026-12-07T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture));
            body[field] = value;
            yield return Json("POST", "/api/bookings", null, body, $"booking {field}={Shorten(value?.ToString())}");
        }

        yield return Json("POST", "/api/bookings", null, Bookings.BookingFlows.Request(DateTimeOffset.UtcNow.AddDays(1), "home"), "home visit without an address");
        var noContact = Bookings.BookingFlows.Request(DateTimeOffset.UtcNow.AddDays(1), "office", email: null);
        noContact["phone"] = null;
        yield return Json("POST", "/api/bookings", null, noContact, "no e-mail and no phone");
        yield return Json("POST", $"/api/bookings/{_bookingId}/reschedule?token={bookingToken}", null, new { start = "2020-01-06T10:00:00+01:00" }, "reschedule to the past");
        yield return Json("POST", $"/api/bookings/{_bookingId}/reschedule?token={bookingToken}", null, new { start = (string?)null }, "reschedule without a start");
        yield return Json("POST", $"/api/bookings/{_bookingId}/cancel?token={bookingToken}", null, new { reason = new string('r', 501) }, "cancel reason too long");
        yield return Json("POST", $"/api/bookings/{_bookingId}/cancel?token={bookingToken}", null, new { reason = 5 }, "cancel reason of the wrong type");
        yield return new("POST", $"/api/bookings/{_bookingId}/cancel?token={bookingToken}", null, Encoding.UTF8.GetBytes("{\"reason\":"), "application/json", "cancel with broken JSON");
        yield return Json("POST", $"/api/bookings/{_bookingId}/outcome", "officer", new { outcome = "perhaps" }, "unknown outcome");
        yield return Json("POST", $"/api/bookings/{_bookingId}/cancel?token=forged.token", null, new { }, "cancel with a forged link");
        foreach (var injection in Injections)
        {
            var q = Uri.EscapeDataString(injection);
            foreach (var field in new[] { "officerId", "type", "language", "email", "phone" })
            {
                var body = Bookings.BookingFlows.Request(DateTimeOffset.UtcNow.AddDays(1));
                body[field] = injection;
                yield return Json("POST", "/api/bookings", null, body, $"injection in booking {field}");
            }

            yield return new("GET", $"/api/officers?address={q}", null, null, "", "injection in address");
            yield return new("GET", $"/api/officers?lat={q}&lon=4.35", null, null, "", "injection in lat");
            if (!injection.Contains('\0', StringComparison.Ordinal))
            {
                yield return new("GET", $"/api/officers/{q}/slots", null, null, "", "injection in officer id");
            }

            yield return new("GET", $"/api/officers/officer-marc/slots?type={q}", null, null, "", "injection in slot type");
            yield return new("GET", $"/api/officers/officer-marc/slots?from={q}", null, null, "", "injection in slots from");
            yield return new("GET", $"/api/bookings/statistics?to={q}", "coordinator", null, "", "injection in statistics to");
            yield return new("GET", $"/api/privacy/export?email={q}", "admin", null, "", "injection in export e-mail");
            yield return new("GET", $"/api/bookings/{_bookingId}?token={q}", null, null, "", "injection in booking token");
            yield return new("GET", $"/api/bookings/{_bookingId}/calendar.ics?token={q}", null, null, "", "injection in calendar token");
        }

        foreach (var path in new[] { "/api/officers/officer-marc/slots?from=2026-12-31&to=2026-12-01", "/api/officers/officer-marc/slots?from=2026-01-01&to=2026-12-31", "/api/officers?lat=NaN&lon=4.35", "/api/officers?lat=50.85&lon=Infinity", "/api/officers?address=" + new string('a', 300), "/api/officers/officer-marc/slots?from=9999-12-25", "/api/officers/officer-marc/slots?from=9999-12-31&to=9999-12-31", "/api/officers/officer-marc/slots?from=0001-01-01" })
        {
            yield return new("GET", path, null, null, "", "bad booking query");
        }

        foreach (var query in new[] { "from=0001-01-01", "to=9999-12-31", "from=2026-12-31&to=2026-01-01", "from=2020-01-01&to=2026-01-01" })
        {
            yield return new("GET", $"/api/bookings/statistics?{query}", "coordinator", null, "", "bad statistics period");
        }

        // Bad numbers and flags in query strings.
        foreach (var (path, role) in new[] { ("/api/dossiers?pageSize=0", "coordinator"), ("/api/dossiers?pageSize=-5", "coordinator"), ("/api/dossiers?pageSize=99999999999", "coordinator"), ("/api/dossiers?overdue=2", "coordinator"), ("/api/observations?pageSize=abc", "warden"), ("/api/observations?pageSize=1000", "warden") })
        {
            yield return new("GET", path, role, null, "", "bad query number");
        }

        // A spoofed upload: an HTML page sent as a JPEG is refused when confirmed (the upload itself is the client's).
        yield return new("POST", $"/api/observations/{id}/photos/{Guid.NewGuid()}/confirm", "warden", null, "", "confirming a photo never uploaded");
        yield return Json("POST", $"/api/observations/{id}/photos", "warden", new { photoId = Guid.NewGuid(), contentType = "image/svg+xml" }, "SVG upload asked for");
        yield return Json("POST", $"/api/observations/{id}/photos", "warden", new { photoId = Guid.NewGuid(), contentType = "text/html" }, "HTML upload asked for");

        // Internal notes and saved filters with bad fields; filters with empty values.
        yield return Json("POST", $"/api/dossiers/{_dossierId}/notes", "coordinator", new { id = Guid.NewGuid(), text = "" }, "empty note");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/notes", "coordinator", new { id = Guid.NewGuid(), text = new string('n', 2001) }, "note too long");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/notes", "coordinator", new { text = "no id" }, "note without id");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/notes", "coordinator", new { id = Guid.NewGuid(), text = 5 }, "note of the wrong type");
        yield return Json("POST", "/api/me/filters", "coordinator", new { name = new string('f', 61), query = "" }, "filter name too long");
        yield return Json("POST", "/api/me/filters", "coordinator", new { name = "f", query = new string('q', 1001) }, "filter query too long");
        yield return Json("POST", "/api/me/filters", "coordinator", new { name = "f" }, "filter without query");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/reassign", "coordinator", new { partnerId = "nobody" }, "reassign to an unknown partner");
        yield return Json("POST", "/api/dossiers/bulk", "coordinator", new { action = "close", dossierIds = Array.Empty<Guid>(), requestId = Guid.NewGuid() }, "bulk without dossiers");
        yield return Json("POST", "/api/dossiers/bulk", "coordinator", new { action = "close", dossierIds = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()), requestId = Guid.NewGuid() }, "bulk of too many dossiers");
        yield return Json("POST", "/api/dossiers/bulk", "coordinator", new { action = "explode", dossierIds = new[] { _dossierId }, requestId = Guid.NewGuid() }, "bulk unknown action");
        yield return Json("POST", "/api/dossiers/bulk", "coordinator", new { action = "reassign", dossierIds = new[] { _dossierId }, requestId = Guid.NewGuid(), partnerId = "nobody" }, "bulk reassign to an unknown partner");
        yield return Json("POST", "/api/dossiers/bulk", "coordinator", new { action = "note", dossierIds = new[] { _dossierId }, requestId = Guid.NewGuid(), text = " " }, "bulk note without text");
        yield return Json("POST", "/api/dossiers/bulk", "coordinator", new { action = "close", dossierIds = new[] { "not-a-guid" }, requestId = Guid.NewGuid() }, "bulk with a bad id");
        yield return Json("POST", "/api/dossiers/bulk", "coordinator", new { action = "close", dossierIds = new[] { _dossierId } }, "bulk without request id");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/reassign", "coordinator", new { partnerId = (string?)null }, "reassign without partner");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/reassign", "coordinator", new { partnerId = "public-works", reason = new string('r', 1001) }, "reassign reason too long");
        foreach (var name in new[] { "status", "partner", "category", "neighbourhood", "overdue", "escalated", "from", "to", "q", "sort" })
        {
            yield return new("GET", $"/api/dossiers?{name}=", "coordinator", null, "", $"empty {name}");
            yield return new("GET", $"/api/dossiers/export.csv?{name}=", "coordinator", null, "", $"empty export {name}");
        }

        yield return new("GET", "/api/dossiers?from=2026-12-31&to=2026-01-01", "coordinator", null, "", "period backwards");
        yield return new("GET", $"/api/dossiers?q={new string('w', 101)}", "coordinator", null, "", "search too long");

        // Partner actions with bad notes.
        yield return Json("POST", $"/api/partner/dossiers/{_dossierId}/reject?token={token}", null, new { note = (string?)null }, "reject without reason");
        yield return Json("POST", $"/api/partner/dossiers/{_dossierId}/resolve?token={token}", null, new { note = new string('n', 2001) }, "note too long");
        yield return Json("POST", $"/api/partner/dossiers/{_dossierId}/resolve?token={token}", null, new { note = 5 }, "note of the wrong type");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/transitions", "coordinator", new { to = "forwarded" }, "system-only status");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/transitions", "coordinator", new { to = "teleported" }, "unknown status");
        yield return Json("POST", $"/api/dossiers/{_dossierId}/transitions", "coordinator", new { to = 3 }, "status as a number");
    }

    private static Case Json(string method, string path, string? role, object body, string why) =>
        new(method, path, role, JsonSerializer.SerializeToUtf8Bytes(body), "application/json", why);

    // Injections holding a word of three letters or digits are searches like any other, not bad input.
    private static int DossierWords(string text) => System.Text.RegularExpressions.Regex.Count(text, "[A-Za-z0-9]{3,}");

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 20 ? text : text[..20] + "…";

    /// <summary>Every row of the app's tables and every blob of its containers, as one comparable text.</summary>
    private async Task<string> SnapshotAsync()
    {
        var lines = new List<string>();
        var tables = new TableServiceClient(_app.StorageConnectionString);
        await foreach (var table in tables.QueryAsync(t => t.Name.CompareTo(_app.Prefix) >= 0 && t.Name.CompareTo(_app.Prefix + "~") < 0))
        {
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                lines.Add($"{table.Name}/{row.PartitionKey}/{row.RowKey}/{row.ETag}");
            }
        }

        var blobs = new BlobServiceClient(_app.StorageConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: _app.Prefix))
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                lines.Add($"{container.Name}/{blob.Name}/{blob.Properties.ETag}");
            }
        }

        // A malformed request that enqueued work would show here even before the work itself wrote anything.
        lines.AddRange((await QueuedMessagesAsync()).Select(q => $"{q.Queue}: {q.Count} messages"));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>The approximate message count of every queue of the app, invisible (in-flight) messages included.</summary>
    private async Task<List<(string Queue, int Count)>> QueuedMessagesAsync()
    {
        var counts = new List<(string, int)>();
        var queues = new QueueServiceClient(_app.StorageConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: _app.Prefix))
        {
            counts.Add((queue.Name, (await queues.GetQueueClient(queue.Name).GetPropertiesAsync()).Value.ApproximateMessagesCount));
        }

        return counts;
    }
}
