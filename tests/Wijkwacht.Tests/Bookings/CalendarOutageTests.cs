using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Calendar;
using static Wijkwacht.Tests.Bookings.BookingFlows;

namespace Wijkwacht.Tests.Bookings;

/// <summary>When the officers' calendars cannot be read (Graph down, or throttling past the SDK's retries), no day looks free.</summary>
public sealed class CalendarOutageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WijkwachtApp _app = new(azurite, new FakeTimeProvider(MondayMorning), services: services =>
    {
        services.RemoveAll<IOfficerCalendar>();
        services.AddSingleton<IOfficerCalendar, UnreachableCalendar>();
    });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task FreeTimesAndBookingsWaitForTheCalendarInsteadOfGuessing()
    {
        var slots = await _app.CreateClient().GetAsync("/api/officers/officer-marc/slots?type=office&from=2026-12-07&to=2026-12-07");
        var booking = await _app.CreateClient().PostAsJsonAsync("/api/bookings", Request(At(10)));

        foreach (var response in new[] { slots, booking })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("The officer's calendar cannot be read right now.", (await response.ProblemAsync()).GetProperty("title").GetString());
        }
    }

    private sealed class UnreachableCalendar : IOfficerCalendar
    {
        public Task<IReadOnlyList<BusyTime>> GetBusyAsync(string mailbox, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Too many retries performed.");

        public Task<string> CreateEventAsync(string mailbox, CalendarEvent appointment, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task UpdateEventAsync(string mailbox, string eventId, CalendarEvent appointment, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteEventAsync(string mailbox, string eventId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
