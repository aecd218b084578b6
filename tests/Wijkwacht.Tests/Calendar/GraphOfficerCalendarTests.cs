using System.Diagnostics;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Wijkwacht.Calendar;

namespace Wijkwacht.Tests.Calendar;

/// <summary>
/// The Graph calendar adapter against Graph's documented requests and answers (calendar: getSchedule, create,
/// update and delete event, throttling), answered by a handler behind the SDK's own pipeline, retries included.
/// </summary>
public sealed class GraphOfficerCalendarTests
{
    private const string Mailbox = "an.peeters@example.brussels";
    private const string Users = "https://graph.microsoft.com/v1.0/users/an.peeters%40example.brussels";
    private const string EventId = "AAMkAGViNDU7zAAAAA7zAAAZb2ckAAA=";

    private static readonly DateTimeOffset Monday = new(2026, 3, 16, 8, 0, 0, TimeSpan.FromHours(1));

    private static readonly CalendarEvent Appointment = new(
        "booking-42",
        "Afspraak wijkagent / rendez-vous agent de quartier",
        "Melding sluikstorten Zuidlaan 12.\r\nBewoner: J. Claes",
        Monday.AddHours(2).AddMinutes(30),
        Monday.AddHours(3),
        "Commissariaat Zuid");

    [Fact]
    public async Task BusyTimesAreReadWithGetScheduleForTheOfficersMailboxInUtc()
    {
        // The documented answer for one schedule; without a Prefer: outlook.timezone header its times are in UTC.
        // "Tentative" is capitalised as in Graph's free/busy guide, the others as in the getSchedule reference.
        var graph = new RecordingGraph((_, _) => RecordingGraph.Json(HttpStatusCode.OK, """
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
              "value": [{
                "scheduleId": "an.peeters@example.brussels",
                "availabilityView": "0222000011112222333300000000000000000000",
                "scheduleItems": [
                  { "isPrivate": false, "status": "busy", "subject": "Briefing", "location": "Zuid",
                    "start": { "dateTime": "2026-03-16T08:00:00.0000000", "timeZone": "UTC" },
                    "end": { "dateTime": "2026-03-16T09:00:00.0000000", "timeZone": "UTC" } },
                  { "status": "free",
                    "start": { "dateTime": "2026-03-16T09:00:00.0000000", "timeZone": "UTC" },
                    "end": { "dateTime": "2026-03-16T10:00:00.0000000", "timeZone": "UTC" } },
                  { "status": "Tentative",
                    "start": { "dateTime": "2026-03-16T10:00:00.0000000", "timeZone": "UTC" },
                    "end": { "dateTime": "2026-03-16T10:30:00.0000000", "timeZone": "UTC" } },
                  { "status": "oof",
                    "start": { "dateTime": "2026-03-16T12:00:00.0000000", "timeZone": "UTC" },
                    "end": { "dateTime": "2026-03-16T16:00:00.0000000", "timeZone": "UTC" } },
                  { "status": "workingElsewhere",
                    "start": { "dateTime": "2026-03-16T16:00:00.0000000", "timeZone": "UTC" },
                    "end": { "dateTime": "2026-03-16T17:00:00.0000000", "timeZone": "UTC" } }
                ],
                "workingHours": { "daysOfWeek": ["monday"], "startTime": "08:00:00.0000000", "endTime": "17:00:00.0000000",
                                  "timeZone": { "name": "Romance Standard Time" } }
              }]
            }
            """));

        var busy = await new GraphOfficerCalendar(graph.Client()).GetBusyAsync(Mailbox, Monday, Monday.AddHours(10), TestContext.Current.CancellationToken);

        var request = Assert.Single(graph.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{Users}/calendar/getSchedule", request.Uri);
        Assert.Equal("Bearer test-token", request.Headers["Authorization"]);
        Assert.False(request.Headers.ContainsKey("Prefer"));
        var body = request.Json();
        Assert.Equal([Mailbox], body["schedules"].EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("2026-03-16T07:00:00", body["startTime"].GetProperty("dateTime").GetString());
        Assert.Equal("UTC", body["startTime"].GetProperty("timeZone").GetString());
        Assert.Equal("2026-03-16T17:00:00", body["endTime"].GetProperty("dateTime").GetString());
        Assert.Equal("UTC", body["endTime"].GetProperty("timeZone").GetString());
        Assert.Equal(15, body["availabilityViewInterval"].GetInt32());

        Assert.Equal(
            [
                new BusyTime(new(2026, 3, 16, 8, 0, 0, TimeSpan.Zero), new(2026, 3, 16, 9, 0, 0, TimeSpan.Zero)),
                new BusyTime(new(2026, 3, 16, 10, 0, 0, TimeSpan.Zero), new(2026, 3, 16, 10, 30, 0, TimeSpan.Zero)),
                new BusyTime(new(2026, 3, 16, 12, 0, 0, TimeSpan.Zero), new(2026, 3, 16, 16, 0, 0, TimeSpan.Zero)),
            ],
            busy);
        Assert.All(busy, b => Assert.Equal(TimeSpan.Zero, b.Start.Offset));
    }

    [Fact]
    public async Task ACalendarGraphCannotReadIsAnErrorNotAFreeCalendar()
    {
        // Graph answers 200 and puts a freeBusyError on the schedule it could not read.
        var graph = new RecordingGraph((_, _) => RecordingGraph.Json(HttpStatusCode.OK, """
            {
              "value": [{
                "scheduleId": "an.peeters@example.brussels",
                "availabilityView": "",
                "scheduleItems": [],
                "error": { "message": "The mailbox could not be found.", "responseCode": "ErrorMailRecipientNotFound" }
              }]
            }
            """));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new GraphOfficerCalendar(graph.Client()).GetBusyAsync(Mailbox, Monday, Monday.AddHours(10), TestContext.Current.CancellationToken));

        Assert.Contains(Mailbox, error.Message, StringComparison.Ordinal);
        Assert.Contains("ErrorMailRecipientNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingAnAppointmentPostsTheEventWithItsTransactionIdAndReturnsGraphsId()
    {
        var graph = new RecordingGraph((request, _) => Created(EventId, request));

        var id = await new GraphOfficerCalendar(graph.Client()).CreateEventAsync(Mailbox, Appointment, TestContext.Current.CancellationToken);

        Assert.Equal(EventId, id);
        var request = Assert.Single(graph.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{Users}/events", request.Uri);
        var body = request.Json();
        Assert.Equal("booking-42", body["transactionId"].GetString());
        Assert.Equal("Afspraak wijkagent / rendez-vous agent de quartier", body["subject"].GetString());
        Assert.Equal("text", body["body"].GetProperty("contentType").GetString());
        Assert.Equal("Melding sluikstorten Zuidlaan 12.\r\nBewoner: J. Claes", body["body"].GetProperty("content").GetString());
        Assert.Equal("2026-03-16T09:30:00", body["start"].GetProperty("dateTime").GetString());
        Assert.Equal("UTC", body["start"].GetProperty("timeZone").GetString());
        Assert.Equal("2026-03-16T10:00:00", body["end"].GetProperty("dateTime").GetString());
        Assert.Equal("UTC", body["end"].GetProperty("timeZone").GetString());
        Assert.Equal("Commissariaat Zuid", body["location"].GetProperty("displayName").GetString());
        Assert.Equal("busy", body["showAs"].GetString());
    }

    [Fact]
    public async Task CreatingTheSameAppointmentAgainYieldsTheSameEvent()
    {
        // Graph's docs promise no second event for a transactionId it has seen but show no separate answer for it;
        // this Graph answers a repeat as it answered the first create, with the event that already exists.
        var events = new Dictionary<string, string>();
        var graph = new RecordingGraph((request, _) =>
        {
            var transactionId = request.Json()["transactionId"].GetString()!;
            if (!events.TryGetValue(transactionId, out var id))
            {
                events[transactionId] = id = $"AAMkAGViNDU7zAAAAA7zAAAZb2c{events.Count}AAA=";
            }
            return Created(id, request);
        });
        var calendar = new GraphOfficerCalendar(graph.Client());

        var id = await calendar.CreateEventAsync(Mailbox, Appointment, TestContext.Current.CancellationToken);
        var again = await calendar.CreateEventAsync(Mailbox, Appointment, TestContext.Current.CancellationToken);
        var other = await calendar.CreateEventAsync(Mailbox, Appointment with { TransactionId = "booking-43" }, TestContext.Current.CancellationToken);

        Assert.Equal(id, again);
        Assert.NotEqual(id, other);
        Assert.Equal(["booking-42", "booking-42", "booking-43"], graph.Requests.Select(r => r.Json()["transactionId"].GetString()));
    }

    [Fact]
    public async Task UpdatingAnAppointmentPatchesItsEvent()
    {
        var graph = new RecordingGraph((request, _) => Created(EventId, request, HttpStatusCode.OK));

        await new GraphOfficerCalendar(graph.Client()).UpdateEventAsync(Mailbox, EventId,
            Appointment with { Subject = "Verplaatst", Start = Monday.AddHours(4), End = Monday.AddHours(5) }, TestContext.Current.CancellationToken);

        var request = Assert.Single(graph.Requests);
        Assert.Equal("PATCH", request.Method);
        Assert.Equal($"{Users}/events/AAMkAGViNDU7zAAAAA7zAAAZb2ckAAA%3D", request.Uri);
        var body = request.Json();
        Assert.Equal("Verplaatst", body["subject"].GetString());
        Assert.Equal("Melding sluikstorten Zuidlaan 12.\r\nBewoner: J. Claes", body["body"].GetProperty("content").GetString());
        Assert.Equal("2026-03-16T11:00:00", body["start"].GetProperty("dateTime").GetString());
        Assert.Equal("2026-03-16T12:00:00", body["end"].GetProperty("dateTime").GetString());
        Assert.Equal("UTC", body["end"].GetProperty("timeZone").GetString());
        Assert.Equal("Commissariaat Zuid", body["location"].GetProperty("displayName").GetString());
        // Graph does not let a transactionId change after the create.
        Assert.False(body.ContainsKey("transactionId"));
    }

    [Fact]
    public async Task UpdatingAnAppointmentWithoutALocationClearsTheEventsLocation()
    {
        var graph = new RecordingGraph((request, _) => Created(EventId, request, HttpStatusCode.OK));

        await new GraphOfficerCalendar(graph.Client()).UpdateEventAsync(Mailbox, EventId, Appointment with { Location = null }, TestContext.Current.CancellationToken);

        Assert.Equal("", Assert.Single(graph.Requests).Json()["location"].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task CancellingAnAppointmentDeletesItsEvent()
    {
        var graph = new RecordingGraph((_, _) => new HttpResponseMessage(HttpStatusCode.NoContent));

        await new GraphOfficerCalendar(graph.Client()).DeleteEventAsync(Mailbox, EventId, TestContext.Current.CancellationToken);

        var request = Assert.Single(graph.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"{Users}/events/AAMkAGViNDU7zAAAAA7zAAAZb2ckAAA%3D", request.Uri);
    }

    [Fact]
    public async Task CancellingAnAppointmentWhoseEventIsAlreadyGoneIsNotAnError()
    {
        var graph = new RecordingGraph((_, _) => GraphError(HttpStatusCode.NotFound, "ErrorItemNotFound", "The specified object was not found in the store."));

        await new GraphOfficerCalendar(graph.Client()).DeleteEventAsync(Mailbox, EventId, TestContext.Current.CancellationToken);

        Assert.Equal("DELETE", Assert.Single(graph.Requests).Method);
    }

    [Fact]
    public async Task CancellingAnAppointmentGraphRefusesIsAnError()
    {
        var graph = new RecordingGraph((_, _) => GraphError(HttpStatusCode.Forbidden, "ErrorAccessDenied", "Access is denied. Check credentials and try again."));

        var error = await Assert.ThrowsAsync<ODataError>(() =>
            new GraphOfficerCalendar(graph.Client()).DeleteEventAsync(Mailbox, EventId, TestContext.Current.CancellationToken));

        Assert.Equal(403, error.ResponseStatusCode);
        Assert.Equal("ErrorAccessDenied", error.Error?.Code);
    }

    [Fact]
    public async Task AThrottledRequestIsRetriedAfterTheRetryAfterGraphAsksFor()
    {
        var graph = new RecordingGraph((_, earlier) => earlier.Count == 0
            ? Throttled(retryAfterSeconds: 1)
            : RecordingGraph.Json(HttpStatusCode.OK, """
                { "value": [{ "scheduleId": "an.peeters@example.brussels", "availabilityView": "2", "scheduleItems": [
                  { "status": "busy", "start": { "dateTime": "2026-03-16T08:00:00.0000000", "timeZone": "UTC" },
                                      "end": { "dateTime": "2026-03-16T09:00:00.0000000", "timeZone": "UTC" } } ] }] }
                """));

        var busy = await new GraphOfficerCalendar(graph.Client()).GetBusyAsync(Mailbox, Monday, Monday.AddHours(10), TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.Zero), Assert.Single(busy).Start);
        Assert.Equal(2, graph.Requests.Count);
        Assert.Equal(graph.Requests[0].Body, graph.Requests[1].Body);
        Assert.Equal("1", graph.Requests[1].Headers["Retry-Attempt"]);
        // Retry-After: 1, not the RetryHandler's own 3-second default delay.
        Assert.InRange(Stopwatch.GetElapsedTime(graph.Requests[0].Timestamp, graph.Requests[1].Timestamp), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task ThrottlingThatDoesNotEndIsAnErrorAfterTheSdksThreeRetries()
    {
        var graph = new RecordingGraph((_, _) => Throttled(retryAfterSeconds: 0));

        var error = await Assert.ThrowsAsync<AggregateException>(() =>
            new GraphOfficerCalendar(graph.Client()).CreateEventAsync(Mailbox, Appointment, TestContext.Current.CancellationToken));

        // The first attempt and the RetryHandler's default of three retries, each with the same transactionId.
        Assert.Equal(4, graph.Requests.Count);
        Assert.All(graph.Requests, r => Assert.Equal("booking-42", r.Json()["transactionId"].GetString()));
        Assert.Equal(["1", "2", "3"], graph.Requests.Skip(1).Select(r => r.Headers["Retry-Attempt"]));
        Assert.All(error.InnerExceptions, e => Assert.Equal(429, Assert.IsType<ApiException>(e).ResponseStatusCode));
    }

    /// <summary>Graph's documented 201 answer to a create (and, with 200, to an update): the event as it now stands.</summary>
    private static HttpResponseMessage Created(string id, GraphRequest request, HttpStatusCode status = HttpStatusCode.Created)
    {
        var sent = request.Json();
        var transactionId = sent.TryGetValue("transactionId", out var t) ? $"\"transactionId\": {t.GetRawText()}," : "";
        return RecordingGraph.Json(status, $$"""
            {
              "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('an.peeters%40example.brussels')/events/$entity",
              "@odata.etag": "W/\"/IUUrIl3PkG1JCSsPfU+8wAAGXjEpA==\"",
              "id": "{{id}}",
              "createdDateTime": "2026-03-01T10:17:57.56197Z",
              "subject": {{sent["subject"].GetRawText()}},
              {{transactionId}}
              "showAs": "busy",
              "type": "singleInstance",
              "isOrganizer": true,
              "start": {{sent["start"].GetRawText()}},
              "end": {{sent["end"].GetRawText()}}
            }
            """);
    }

    private static HttpResponseMessage GraphError(HttpStatusCode status, string code, string message) =>
        RecordingGraph.Json(status, $$"""{ "error": { "code": "{{code}}", "message": "{{message}}", "innerError": { "request-id": "b4d5d1a2-3f4e-4c2b-9a6e-0c8f1d2e3a4b", "date": "2026-03-16T07:00:00" } } }""");

    private static HttpResponseMessage Throttled(int retryAfterSeconds)
    {
        var response = GraphError((HttpStatusCode)429, "TooManyRequests", "Too many requests. Please try again later.");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }
}
