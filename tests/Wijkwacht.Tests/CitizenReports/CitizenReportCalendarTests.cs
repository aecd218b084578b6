using Microsoft.Extensions.Time.Testing;
using static Wijkwacht.Tests.CitizenReports.CitizenReportFlows;

namespace Wijkwacht.Tests.CitizenReports;

/// <summary>
/// The answer date a citizen is promised: the category's service level (two working days unless set otherwise)
/// on Belgian working days, skipping weekends, public holidays and the city's closing days. Also the expiry of
/// the status link, and the retention of the reporter's contact details.
/// </summary>
public sealed class CitizenReportCalendarTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 17, 9, 0, 0, TimeSpan.FromHours(1)));
    private WijkwachtApp _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = new WijkwachtApp(azurite, _time, settings: new Dictionary<string, string?>
        {
            ["LocalTriggerHost:Enabled"] = "false",
            ["WorkingDays:ClosingDays:0"] = "2026-12-28",
            ["CitizenReports:CategoryAnswerWorkingDays:noise"] = "1",
            ["Retention:Months"] = "12",
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("2026-12-17T09:00:00+01:00", "illegal-dumping", "2026-12-21")] // Thursday: Friday, Monday
    [InlineData("2026-12-18T16:30:00+01:00", "illegal-dumping", "2026-12-22")] // Friday afternoon: Monday, Tuesday
    [InlineData("2026-12-19T11:00:00+01:00", "illegal-dumping", "2026-12-23")] // Saturday counts from Monday 09:00
    [InlineData("2026-12-24T10:00:00+01:00", "illegal-dumping", "2026-12-30")] // Christmas, the weekend and the closing day 28 December
    [InlineData("2026-12-24T10:00:00+01:00", "noise", "2026-12-29")] // a category with a service level of one working day
    public async Task TheAnswerDateCountsTheCategorysWorkingDaysPastWeekendsHolidaysAndClosingDays(string submittedAt, string category, string answerBy)
    {
        _time.SetUtcNow(DateTimeOffset.Parse(submittedAt, System.Globalization.CultureInfo.InvariantCulture));

        var receipt = await (await _app.SubmitAsync(Report(category, email: null))).JsonAsync();

        Assert.Equal(answerBy, receipt.GetProperty("expectedAnswerBy").GetString());
        Assert.False(receipt.GetProperty("acknowledgementMailed").GetBoolean());
    }

    [Fact]
    public async Task AStatusLinkStopsWorkingAfterAYear()
    {
        var (reference, token, _) = await _app.SubmitReportAsync(Report());
        _time.Advance(TimeSpan.FromDays(364));
        Assert.Equal(HttpStatusCode.OK, (await _app.StatusAsync(reference, token)).StatusCode);

        _time.Advance(TimeSpan.FromDays(2));

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StatusAsync(reference, token)).StatusCode);
    }

    [Fact]
    public async Task TwelveMonthsOnTheReportersContactDetailsAreErasedAndTheReportStays()
    {
        var email = $"kept-{Guid.NewGuid():N}@example.com";
        var (reference, token, _) = await _app.SubmitReportAsync(Report(email: email));
        var admin = _app.ClientAs("admin-1", "admin");
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/privacy/export?email={email}")).GetProperty("citizenReports").EnumerateArray());

        _time.Advance(TimeSpan.FromDays(366));
        Assert.Equal("Personal data of 0 bookings and 1 citizen reports erased.", await RunRetentionAsync());
        Assert.Equal("Personal data of 0 bookings and 0 citizen reports erased.", await RunRetentionAsync());

        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>($"/api/privacy/export?email={email}")).GetProperty("citizenReports").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.StatusAsync(reference, token)).StatusCode);
        var row = (await _app.Table(Wijkwacht.Storage.Tables.CitizenReports).GetEntityAsync<Azure.Data.Tables.TableEntity>(reference, "report")).Value;
        Assert.Null(row.GetString("Email"));
        Assert.Equal("illegal-dumping", row.GetString("Category"));
        Assert.NotNull(row.GetDateTimeOffset("ContactErasedAt"));
    }

    private async Task<string> RunRetentionAsync()
    {
        var payload = """{"Data":{"timer":{"Schedule":{"AdjustForDST":true},"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"RetentionSweep"}}}""";
        var response = await _app.CreateClient().PostAsync("/RetentionSweep", new StringContent(payload, System.Text.Encoding.UTF8, "application/json"));
        var result = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return result.GetProperty("Logs")[0].GetString()!;
    }
}
