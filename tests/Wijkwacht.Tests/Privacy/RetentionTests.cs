using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Storage;
using static Wijkwacht.Tests.Bookings.BookingFlows;

namespace Wijkwacht.Tests.Privacy;

/// <summary>
/// Citizens' details are kept only as long as needed: the retention timer erases them a configured number of
/// months after the booking closed, and the statistics stay as they were. Access requests get everything held.
/// </summary>
public sealed class RetentionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(MondayMorning);
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?> { ["LocalTriggerHost:Enabled"] = "false", ["Retention:Months"] = "12" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task TwelveMonthsAfterABookingClosesTheCitizensDetailsAreErasedAndTheStatisticsStay()
    {
        var kept = await _app.BookAsync(At(10));
        var cancelled = await _app.BookAsync(At(11));
        var (cancelledId, cancelledToken) = Link(cancelled);
        Assert.True((await _app.CreateClient().PostAsJsonAsync($"/api/bookings/{cancelledId}/cancel?token={Uri.EscapeDataString(cancelledToken)}", new { reason = "Verhuisd" })).IsSuccessStatusCode);
        var later = await _app.BookAsync(At(10, 0, dayOffset: 21));
        var coordinator = _app.ClientAs("coordinator-1", "coordinator");
        const string period = "/api/bookings/statistics?from=2026-12-01&to=2026-12-31";
        var statistics = await coordinator.GetStringAsync(period);
        Assert.Contains("\"total\":3", statistics);

        _time.Advance(TimeSpan.FromDays(365) + TimeSpan.FromDays(2)); // 7 December 2027: both December 7 bookings closed over a year ago
        Assert.Equal("Personal data of 2 bookings and 0 citizen reports erased.", await RunRetentionAsync());
        Assert.Equal("Personal data of 0 bookings and 0 citizen reports erased.", await RunRetentionAsync());

        var rows = await _app.Table(Tables.Bookings).QueryAsync<TableEntity>(e => e.RowKey.CompareTo("booking-") >= 0 && e.RowKey.CompareTo("booking.") < 0).ToListAsync();
        foreach (var id in new[] { kept.GetProperty("id").GetString(), cancelledId })
        {
            var row = rows.Single(r => r.RowKey == $"booking-{id}");
            Assert.All(new[] { "Name", "Email", "Phone", "Subject", "Address", "CancelReason" }, column => Assert.Null(row.GetString(column)));
            Assert.True(row.GetBoolean("Erased"));
            Assert.Equal("Office", row.GetString("Type"));
        }

        var untouched = rows.Single(r => r.RowKey == $"booking-{later.GetProperty("id").GetString()}");
        Assert.Equal("Jan Peeters", untouched.GetString("Name"));
        Assert.Equal(statistics, await coordinator.GetStringAsync(period));

        var (keptId, keptToken) = Link(kept);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.CreateClient().GetAsync($"/api/bookings/{keptId}?token={Uri.EscapeDataString(keptToken)}")).StatusCode);
        var export = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>("/api/privacy/export?email=jan.peeters@example.com");
        var exported = Assert.Single(export.GetProperty("bookings").EnumerateArray());
        Assert.Equal(later.GetProperty("id").GetString(), exported.GetProperty("id").GetString());
        var audit = await _app.ClientAs("admin-1", "admin").GetFromJsonAsync<JsonElement>($"/api/audit?entity=booking&id={keptId}");
        Assert.Contains(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "personal-data-erased");
        Assert.DoesNotContain("Jan Peeters", audit.GetRawText());
    }

    [Fact]
    public async Task BookingsOfAnOfficerWhoLeftTheDirectoryAreErasedToo()
    {
        _app.StartServer();
        var start = MondayMorning.AddYears(-2);
        var old = new Wijkwacht.Bookings.Booking(Guid.NewGuid(), "officer-retired", Wijkwacht.Bookings.AppointmentType.Home, start, start.AddMinutes(45),
            new Wijkwacht.Bookings.Citizen("An Claes", "an.claes@example.com", null, "nl", "Lawaai", "Hoogstraat 1"), start.AddDays(-3));
        await _app.Table(Tables.Bookings).AddEntityAsync(Wijkwacht.Bookings.BookingRow.Write(old));

        Assert.Equal("Personal data of 1 bookings and 0 citizen reports erased.", await RunRetentionAsync());

        var row = (await _app.Table(Tables.Bookings).GetEntityAsync<TableEntity>("officer-retired", $"booking-{old.Id}")).Value;
        Assert.Null(row.GetString("Name"));
        Assert.Null(row.GetString("Address"));
    }

    [Fact]
    public async Task AnAccessRequestExportsEverythingHeldForAnAddressAndIsAudited()
    {
        var booking = await _app.BookAsync(At(10));
        var admin = _app.ClientAs("admin-1", "admin");

        var export = await admin.GetFromJsonAsync<JsonElement>("/api/privacy/export?email=JAN.PEETERS@example.com");

        var exported = Assert.Single(export.GetProperty("bookings").EnumerateArray());
        Assert.Equal("Jan Peeters", exported.GetProperty("name").GetString());
        Assert.Equal("+32 470 12 34 56", exported.GetProperty("phone").GetString());
        Assert.Equal("Burenlawaai 's nachts", exported.GetProperty("subject").GetString());
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>("/api/privacy/export?email=someone.else@example.com")).GetProperty("bookings").EnumerateArray());
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?entity=booking&id={booking.GetProperty("id").GetString()}");
        var exportEntry = Assert.Single(audit.GetProperty("entries").EnumerateArray(), e => e.GetProperty("action").GetString() == "personal-data-exported");
        Assert.Equal("admin-1", exportEntry.GetProperty("actor").GetString());
    }

    private async Task<string> RunRetentionAsync()
    {
        var payload = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"RetentionSweep"}}}""";
        var response = await _app.CreateClient().PostAsync("/RetentionSweep", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));
        var result = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return result.GetProperty("Logs")[0].GetString()!;
    }
}
