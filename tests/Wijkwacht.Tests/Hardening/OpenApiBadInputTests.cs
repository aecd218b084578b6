using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Wijkwacht.Tests.Hardening;

/// <summary>
/// Bad input generated from the API's own description (GET /api/openapi.json), so no parameter is forgotten:
/// for every operation, every path, query and header parameter and every body field gets the values a careless
/// or hostile client sends. Values that must be refused (wrong type, too long, out of range, not matching the
/// declared pattern or enum, NUL, a lone surrogate, a missing required field) are sent to every operation and
/// must answer 4xx problem+json naming the field; values a field may well accept (empty, whitespace, injection
/// text, a repeated parameter) are sent to reading operations and must never answer 5xx. Nothing is written.
/// </summary>
public sealed class OpenApiBadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Concurrency = 8;

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    // A JSON writer will not write half a surrogate pair; the escape is put in the text afterwards.
    private const string LoneSurrogate = "LONE_SURROGATE";

    private static readonly string[] Injections =
    [
        "' or PartitionKey ne '", "<script>alert(1)</script>", "../../../etc/passwd", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}",
        "'; DROP TABLE Observations; --", "\r\nX-Injected: yes", "\u202Eevil",
    ];

    // No sweep during the run: a booking's follow-up step falling due would be a write of its own.
    private readonly WijkwachtApp _app = new(azurite, settings: new Dictionary<string, string?> { ["FollowUpSweepSchedule"] = "0 0 0 1 1 *" });
    private readonly Dictionary<string, string> _ids = [];
    private readonly Dictionary<string, string> _tokens = [];
    private readonly Dictionary<string, JsonObject> _bodies = [];
    private readonly Dictionary<string, Dictionary<string, string>> _queries = [];

    public async ValueTask InitializeAsync()
    {
        var observationId = Guid.NewGuid();
        var dossierId = await _app.RecordAndForwardAsync(observationId);
        var slots = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/officers/officer-marc/slots?type=phone");
        var start = slots.GetProperty("slots")[0].GetProperty("start").GetDateTimeOffset();
        var booked = await _app.CreateClient().PostAsJsonAsync("/api/bookings", Bookings.BookingFlows.Request(start, "phone"));
        var (bookingId, bookingToken) = Bookings.BookingFlows.Link(await booked.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>());

        // The existing object each path's {id} names, and the signed link that opens it: without them every
        // request would stop at "not found" or "this link cannot be used" before its input is even read.
        _ids["/api/observations/"] = observationId.ToString();
        _ids["/api/dossiers/"] = dossierId;
        _ids["/api/partner/dossiers/"] = dossierId;
        _ids["/api/bookings/"] = bookingId;
        _ids["/api/officers/"] = "officer-marc";
        _ids["/api/partners/"] = "net-brussel";
        _tokens["/api/partner/dossiers/"] = Flows.Query(await _app.PartnerLinkFromMailAsync(dossierId), "token");
        _tokens["/api/bookings/"] = bookingToken;

        // A working request for each operation that needs one, so that each case is refused for the one value it
        // changes. None of them is ever sent unchanged.
        var free = slots.GetProperty("slots").EnumerateArray().Skip(1).Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        _bodies["POST /api/observations"] = Node(Requests.Observation());
        _bodies["POST /api/observations/{id}/photos"] = Node(new { photoId = Guid.NewGuid(), contentType = "image/jpeg" });
        _bodies["POST /api/partners"] = Node(new { id = "new-partner", name = "Nieuwe partner", language = "nl", email = "partner@example.brussels", serviceLevels = new[] { new { category = "noise", acknowledgeWithinWorkingDays = 1, resolveWithinWorkingDays = 3 } } });
        _bodies["PUT /api/partners/{id}"] = Node(new { id = "net-brussel", name = "Net Brussel", language = "nl", email = "net@example.brussels" });
        _bodies["PUT /api/routing-rules"] = Node(new { rules = new[] { new { category = "*", partnerId = "prevention" } } });
        _bodies["POST /api/dossiers/{id}/transitions"] = Node(new { to = "acknowledged", reason = "Gezien" });
        _bodies["POST /api/partner/dossiers/{id}/photos"] = Node(new { photoId = Guid.NewGuid(), contentType = "image/jpeg" });
        foreach (var action in new[] { "acknowledge", "progress", "resolve", "reject" })
        {
            _bodies[$"POST /api/partner/dossiers/{{id}}/{action}"] = Node(new { note = "Wordt opgevolgd" });
        }

        _bodies["POST /api/bookings"] = Node(Bookings.BookingFlows.Request(free[0], "phone"));
        _bodies["POST /api/bookings/{id}/reschedule"] = Node(new { start = free[1] });
        _bodies["POST /api/bookings/{id}/cancel"] = Node(new { reason = "Ziek" });
        _bodies["POST /api/bookings/{id}/outcome"] = Node(new { outcome = "done" });
        _bodies["POST /api/dev/signin"] = Node(new { userId = "warden-9", name = "Warden Negen", roles = new[] { "warden" } });
        _queries["GET /api/officers"] = new() { ["lat"] = "50.8466", ["lon"] = "4.3528" };
        _queries["GET /api/audit"] = new() { ["entity"] = "dossier", ["id"] = dossierId };
        _queries["GET /api/privacy/export"] = new() { ["email"] = "jan.peeters@example.com" };
    }

    private static JsonObject Node(object value) => JsonSerializer.SerializeToNode(value, WebJson)!.AsObject();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task EveryRouteOfTheApiIsInTheOpenApiDocument()
    {
        var document = await DocumentAsync();
        var described = Operations(document).Select(o => $"{o.Method} {Normalise(o.Path)}").ToHashSet();

        var mapped = _app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true) // the rest: trigger routes, which the Functions host never forwards from outside
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .Where(route => route != "GET /api/openapi.json") // the document itself
            .ToHashSet();

        Assert.True(mapped.Count > 30, $"Only {mapped.Count} routes found.");
        Assert.Empty(mapped.Except(described));
    }

    [Fact]
    public async Task EveryParameterAndBodyFieldRefusesBadValuesWithAProblemNamingItAndNothingIsWritten()
    {
        var document = await DocumentAsync();
        await Task.Delay(1500); // let the forwarding's own writes (mail, audit, follow-up) settle
        await Eventually.TrueAsync(async () => (await Snapshots.QueuedMessagesAsync(_app)).All(q => q.Count == 0), "the app's queues to drain");
        var before = await Snapshots.TakeAsync(_app);
        var cases = Operations(document).SelectMany(o => CasesFor(document, o)).ToList();
        var client = _app.ClientAs("warden-1", "warden", "coordinator", "officer", "partner", "admin");
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (c, ct) =>
        {
            if (await CheckAsync(client, c, ct) is { } failure)
            {
                failures.Add($"{c.Method} {c.Url} [{c.Why}] → {failure}");
            }
        });

        Assert.True(cases.Count >= 500, $"Only {cases.Count} cases.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} requests were not answered cleanly:\n{string.Join('\n', failures.Order(StringComparer.Ordinal))}");
        await Task.Delay(500);
        Assert.Equal(before, await Snapshots.TakeAsync(_app));
    }

    private sealed record Operation(string Method, string Path, JsonObject Definition);

    /// <param name="Field">The field or parameter a 400 must name; null when the value may be accepted.</param>
    private sealed record Case(string Method, string Url, Dictionary<string, string> Headers, byte[]? Body, string? Field, string Why);

    private static async Task<string?> CheckAsync(HttpClient client, Case c, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Url);
        foreach (var (name, value) in c.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (c.Body is not null)
        {
            request.Content = new ByteArrayContent(c.Body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        using var response = await client.SendAsync(request, ct);
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500)
        {
            return $"{status}";
        }

        if (status < 400)
        {
            return c.Field is null ? null : $"{status}: accepted a value that must be refused";
        }

        if (type != "application/problem+json")
        {
            return $"{status} {type}";
        }

        var body = await response.Content.ReadAsStringAsync(ct);
        var problem = JsonNode.Parse(body)!.AsObject();
        if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal) || body.Contains("Wijkwacht.", StringComparison.Ordinal))
        {
            return $"{status}: the problem shows internals: {body}";
        }

        if (problem["code"]?.GetValue<string>() is not { Length: > 0 })
        {
            return $"{status}: the problem has no code: {body}";
        }

        var errors = problem["errors"]?.AsObject().Select(e => e.Key).ToHashSet() ?? [];
        var codes = problem["codes"]?.AsObject().Select(e => e.Key).ToHashSet() ?? [];
        if (!errors.SetEquals(codes))
        {
            return $"{status}: errors and codes name different fields: {body}";
        }

        // A value that must be refused, refused as bad input, names its field (or the part of the body holding it).
        if (c.Field is not null && status == 400 && !errors.Any(e => Names(e, c.Field)))
        {
            return $"{status} without naming {c.Field}: {body}";
        }

        return null;
    }

    private static bool Names(string reported, string field) =>
        string.Equals(reported, field, StringComparison.OrdinalIgnoreCase)
        || reported.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase)
        || reported.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(reported + ".", StringComparison.OrdinalIgnoreCase)
        || field.StartsWith(reported + "[", StringComparison.OrdinalIgnoreCase)
        || reported == "body";

    private async Task<JsonObject> DocumentAsync() =>
        JsonNode.Parse(await _app.CreateClient().GetStringAsync("/api/openapi.json"))!.AsObject();

    private static IEnumerable<Operation> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key is "get" or "post" or "put" or "patch" or "delete"
        select new Operation(operation.Key.ToUpperInvariant(), path.Key, operation.Value!.AsObject());

    // "/api/x/{id:guid}/" and "/api/x/{id}" are the same route.
    private static string Normalise(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:?]+)[^}]*\}", "{$1}").TrimEnd('/');

    private IEnumerable<Case> CasesFor(JsonObject document, Operation operation)
    {
        var parameters = (operation.Definition["parameters"]?.AsArray() ?? []).Select(p => Resolve(document, p!.AsObject())).ToList();
        var body = operation.Definition["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject bodySchema ? Resolve(document, bodySchema) : null;
        var reading = operation.Method == "GET";
        var key = $"{operation.Method} {operation.Path}";
        var baseline = parameters.ToDictionary(p => (string)p["name"]!, p => _queries.GetValueOrDefault(key)?.GetValueOrDefault((string)p["name"]!) ?? BaselineOf(operation, p));
        var sampleBody = body is null ? null : _bodies.GetValueOrDefault(key) ?? SampleOf(document, body);

        foreach (var parameter in parameters)
        {
            var name = (string)parameter["name"]!;
            var where = (string)parameter["in"]!;
            var schema = parameter["schema"] is JsonObject s ? Resolve(document, s) : new JsonObject();
            foreach (var (value, mustRefuse, why) in ValuesFor(schema, parameter["required"]?.GetValue<bool>() == true, where))
            {
                if ((!mustRefuse && !reading)
                    || (where == "header" && value?.Any(c => c is < ' ' or > '~') == true)
                    || (where == "path" && value?.Contains('\0', StringComparison.Ordinal) == true))
                {
                    // A value that may be accepted would change data. A header with control or non-ASCII characters
                    // cannot be sent (HttpClient refuses), and Kestrel itself answers a bare 400 to a NUL in the
                    // path, before the app sees the request.
                    continue;
                }

                // A query value that must be refused is refused by name. A bad route value is a route that does not
                // exist. A header is read after the body, so on a write the body's own checks may come first.
                var field = mustRefuse && where == "query" ? name : null;
                var values = new Dictionary<string, string?>(baseline) { [name] = value };
                yield return Request(operation, parameters, values, sampleBody is null ? null : Encoding.UTF8.GetBytes(sampleBody.ToJsonString()), field, $"{where} {name} {why}");
            }

            if (reading && where == "query")
            {
                var url = Request(operation, parameters, baseline, null, null, "").Url;
                var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                yield return new Case(operation.Method, $"{url}{separator}{name}=a&{name}=2", [], null, null, $"query {name} repeated");
            }
        }

        if (body is not null && sampleBody is not null)
        {
            foreach (var (field, json, why) in BodyCases(document, body, sampleBody, ""))
            {
                yield return Request(operation, parameters, baseline, Encoding.UTF8.GetBytes(json.Replace(LoneSurrogate, "\\ud800", StringComparison.Ordinal)), field, why);
            }
        }
    }

    /// <summary>The request with these parameter values (null: left out), and the body.</summary>
    private Case Request(Operation operation, List<JsonObject> parameters, Dictionary<string, string?> values, byte[]? body, string? field, string why)
    {
        var path = operation.Path;
        var query = new List<string>();
        var headers = new Dictionary<string, string>();
        foreach (var parameter in parameters)
        {
            var name = (string)parameter["name"]!;
            if (values[name] is not { } value)
            {
                continue;
            }

            switch ((string)parameter["in"]!)
            {
                case "path":
                    path = path.Replace($"{{{name}}}", Escape(value), StringComparison.Ordinal);
                    break;
                case "query":
                    query.Add($"{Uri.EscapeDataString(name)}={Escape(value)}");
                    break;
                case "header":
                    headers[name] = value;
                    break;
            }
        }

        // The signed link, when the route needs one and the case is not about the token itself.
        if (TokenFor(operation.Path) is { } token && !parameters.Any(p => (string)p["name"]! == "token"))
        {
            query.Add($"token={Uri.EscapeDataString(token)}");
        }

        return new Case(operation.Method, query.Count == 0 ? path : $"{path}?{string.Join('&', query)}", headers, body, field, why);
    }

    private string? TokenFor(string path) => _tokens.FirstOrDefault(t => path.StartsWith(t.Key, StringComparison.Ordinal)).Value;

    /// <summary>A lone surrogate cannot be percent-encoded as UTF-8; it is sent as the bytes a careless encoder writes.</summary>
    private static string Escape(string value) =>
        value.Any(char.IsSurrogate) ? string.Concat(value.Select(c => char.IsSurrogate(c) ? "%ED%A0%80" : Uri.EscapeDataString(c.ToString()))) : Uri.EscapeDataString(value);

    /// <summary>A working value for a parameter: the existing object for an id in the path, nothing for the rest.</summary>
    private string? BaselineOf(Operation operation, JsonObject parameter)
    {
        var name = (string)parameter["name"]!;
        return (string)parameter["in"]! switch
        {
            "path" when name == "id" => _ids.Where(i => operation.Path.StartsWith(i.Key, StringComparison.Ordinal)).OrderByDescending(i => i.Key.Length).Select(i => i.Value).FirstOrDefault() ?? Guid.NewGuid().ToString(),
            "path" => Guid.NewGuid().ToString(),
            "query" when name == "token" => TokenFor(operation.Path),
            _ => null,
        };
    }

    /// <summary>Values for one parameter: (value, whether it must be refused, why).</summary>
    private static IEnumerable<(string? Value, bool MustRefuse, string Why)> ValuesFor(JsonObject schema, bool required, string where)
    {
        var type = TypeOf(schema);
        var format = (string?)schema["format"];
        var constrained = schema["enum"] is not null || schema["pattern"] is not null || format is "uuid" or "date" or "date-time";
        if (where != "path")
        {
            yield return (null, required, "missing");
            yield return ("", required && where != "header", "empty");
            yield return ("   ", required || constrained || type is "integer" or "number" or "boolean", "whitespace");
        }

        yield return (new string('x', 5000), constrained || schema["maxLength"] is not null || type is "integer" or "number" or "boolean", "very long");
        yield return ("a\0b", true, "NUL");
        yield return ("\uD800", constrained, "a lone surrogate"); // arrives as U+FFFD: percent-encoded UTF-8 cannot carry one
        if (type is "integer" or "number")
        {
            yield return ("abc", true, "wrong type");
            yield return ("1e999", true, "out of range");
            yield return ("-99999999999", true, "out of range");
            yield return ("99999999999", true, "out of range");
            yield return ("NaN", type == "integer" || schema["minimum"] is not null, "not a number");
        }
        else if (type == "boolean")
        {
            yield return ("maybe", true, "wrong type");
        }
        else
        {
            yield return ("12345", constrained && format != "date" && schema["pattern"]?.ToString().Contains("0-9", StringComparison.Ordinal) != true, "wrong type");
        }

        foreach (var injection in Injections)
        {
            yield return (injection, constrained && where != "header" && !Matches(schema, injection), $"injection {Shorten(injection)}");
        }
    }

    /// <summary>Cases for each field of a body (and of the objects in it): (field, JSON, why).</summary>
    private static IEnumerable<(string Field, string Json, string Why)> BodyCases(JsonObject document, JsonObject schema, JsonObject sample, string prefix)
    {
        var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        foreach (var (name, propertySchemaNode) in schema["properties"]?.AsObject() ?? [])
        {
            var property = Resolve(document, propertySchemaNode!.AsObject());
            var field = prefix + name;
            var type = TypeOf(property);
            foreach (var (value, why) in BadValuesFor(property, type))
            {
                var mutated = sample.DeepClone().AsObject();
                mutated[name] = value?.DeepClone();
                yield return (field, mutated.ToJsonString(), $"body {field} {why}");
            }

            if (required.Contains(name) && property["type"] is JsonValue)
            {
                // Required and of one type, not "null or …". (Every record field is "required" in the document,
                // nullable or not; a nullable one may be left out.)
                var without = sample.DeepClone().AsObject();
                without.Remove(name);
                yield return (field, without.ToJsonString(), $"body {field} missing");
            }

            // The same field twice: System.Text.Json keeps the last one unless told otherwise.
            var json = sample.ToJsonString();
            var present = (sample[name] ?? JsonValue.Create(1))!.ToJsonString();
            var rest = json.Length > 2 ? "," + json[1..] : "}";
            var duplicate = sample.ContainsKey(name) ? $"{{\"{name}\":{present}{rest}" : $"{{\"{name}\":{present},\"{name}\":{present}{rest}";
            yield return (field, duplicate, $"body {field} twice");

            if (type == "object" && (sample[name] as JsonObject ?? SampleOf(document, property)) is { } nested)
            {
                foreach (var (nestedField, nestedJson, why) in BodyCases(document, property, nested, field + "."))
                {
                    var mutated = sample.DeepClone().AsObject();
                    mutated[name] = JsonNode.Parse(nestedJson);
                    yield return (nestedField, mutated.ToJsonString(), why);
                }
            }
        }
    }

    /// <summary>Values a field must refuse, whatever else it accepts.</summary>
    private static IEnumerable<(JsonNode? Value, string Why)> BadValuesFor(JsonObject schema, string? type)
    {
        switch (type)
        {
            case "string":
                yield return (JsonValue.Create(12345), "wrong type");
                yield return (new JsonObject(), "an object");
                yield return (JsonValue.Create("a\0b"), "NUL");
                yield return (JsonValue.Create($"x{LoneSurrogate}y"), "a lone surrogate");
                yield return (JsonValue.Create(new string('x', (schema["maxLength"]?.GetValue<int>() ?? 100_000) + 1)), "very long");
                if (schema["enum"] is not null || schema["pattern"] is not null || (string?)schema["format"] is "uuid" or "date" or "date-time")
                {
                    foreach (var injection in Injections.Where(i => !Matches(schema, i)))
                    {
                        yield return (JsonValue.Create(injection), $"injection {Shorten(injection)}");
                    }
                }

                break;
            case "integer" or "number":
                yield return (JsonValue.Create(true), "wrong type");
                yield return (JsonValue.Create(1e308), "out of range");
                yield return (JsonValue.Create(-1e308), "out of range");
                if (type == "integer")
                {
                    yield return (JsonValue.Create(1.5), "a fraction");
                }

                break;
            case "boolean":
                yield return (JsonValue.Create("yes"), "wrong type");
                yield return (JsonValue.Create(1), "a number");
                break;
            case "array":
                yield return (JsonValue.Create("x"), "wrong type");
                yield return (new JsonObject(), "an object");
                break;
            case "object":
                yield return (JsonValue.Create("x"), "wrong type");
                yield return (new JsonArray(), "an array");
                break;
        }
    }

    /// <summary>A body as the schema describes it, with plausible values: the base each case changes one field of.</summary>
    private static JsonObject SampleOf(JsonObject document, JsonObject schema)
    {
        var sample = new JsonObject();
        foreach (var (name, node) in schema["properties"]?.AsObject() ?? [])
        {
            var property = Resolve(document, node!.AsObject());
            sample[name] = (TypeOf(property), (string?)property["format"]) switch
            {
                (_, "uuid") => JsonValue.Create(Guid.NewGuid()),
                (_, "date-time") => JsonValue.Create(DateTimeOffset.UtcNow.AddMinutes(-5)),
                (_, "date") => JsonValue.Create(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ("string", _) when property["enum"]?.AsArray().FirstOrDefault(e => e is not null) is { } first => first.DeepClone(),
                ("string", _) => JsonValue.Create("x"),
                ("integer", _) => JsonValue.Create(property["minimum"]?.GetValue<double>() is { } min ? (int)Math.Max(min, 1) : 1),
                ("number", _) => JsonValue.Create(property["minimum"]?.GetValue<double>() ?? 1.0),
                ("boolean", _) => JsonValue.Create(false),
                ("array", _) => new JsonArray(),
                ("object", _) => SampleOf(document, property),
                _ => null,
            };
        }

        return sample;
    }

    /// <summary>The schema itself, its $ref followed, and the non-null branch of a "null or X" union.</summary>
    private static JsonObject Resolve(JsonObject document, JsonObject schema)
    {
        for (var i = 0; i < 10; i++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
            }
            else if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray union && union.OfType<JsonObject>().FirstOrDefault(b => TypeOf(b) != "null") is { } branch)
            {
                schema = branch;
            }
            else
            {
                break;
            }
        }

        return schema;
    }

    private static string? TypeOf(JsonObject schema) => schema["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null") ?? "null",
        _ when schema["properties"] is not null => "object",
        _ when schema["maxLength"] is not null || schema["pattern"] is not null || schema["format"] is not null => "string", // the type of a reused schema is sometimes left out
        _ => null,
    };

    /// <summary>Whether the schema's own pattern lets the text through (then refusing it is not the API's promise).</summary>
    private static bool Matches(JsonObject schema, string text) =>
        schema["pattern"]?.GetValue<string>() is { } pattern && System.Text.RegularExpressions.Regex.IsMatch(text, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Shorten(string text) => text.Length <= 12 ? text : text[..12] + "…";
}
