using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wijkwacht.Audit;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Problems;
using Wijkwacht.Scheduling;
using Wijkwacht.Time;

namespace Wijkwacht.Bookings;

internal sealed record OfficerView(string Id, string Name, IReadOnlyList<string> Languages, OfficeHoursView Office, IReadOnlyList<AppointmentTypeView> AppointmentTypes);

internal sealed record OfficeHoursView(string Name, string Address, IReadOnlyDictionary<string, IReadOnlyList<TimeRange>> OpeningHours);

internal sealed record AppointmentTypeView(AppointmentType Type, int Minutes);

internal sealed record NeighbourhoodView(string Id, string Name);

internal sealed record LocationView(double Latitude, double Longitude, string? Street);

internal sealed record OfficersView(NeighbourhoodView Neighbourhood, LocationView Location, IReadOnlyList<OfficerView> Officers);

internal sealed record SlotsView(string OfficerId, AppointmentType Type, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<SlotView> Slots);

internal sealed record AgendaView(OfficerReference Officer, IReadOnlyList<BookingView> Appointments);

internal sealed record OfficerReference(string Id, string Name);

internal sealed record BookingStatistics(DateOnly From, DateOnly To, int Total, IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByOfficer);

/// <summary>
/// Appointments with the neighbourhood officer. Citizens find their officer and the free times and book without
/// an account; the booking is then theirs through the signed link in the answer and in the confirmation mail.
/// Officers see their agenda and record how appointments went.
/// </summary>
internal static class BookingsApi
{
    private const int MaxDays = 31;

    public static void AddBookings(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var data = Path.Combine(AppContext.BaseDirectory, "Data");
        services.AddSingleton(_ => OfficerDirectory.Load(Path.Combine(data, "officers.json")));
        services.AddSingleton(_ => StreetDirectory.Load(Path.Combine(data, "streets.json")));
        services.AddOptions<BookingOptions>().BindConfiguration("Bookings")
            .Validate(o => new[] { o.Office, o.Home, o.Phone }.All(t => t.Minutes > 0 && new[] { t.Minutes, t.TravelMinutes, t.BufferMinutes }.All(m => m >= 0 && m % 5 == 0)),
                "Appointment lengths, travel and buffers are whole multiples of five minutes.")
            .Validate(o => o.SlotStepMinutes is > 0 and <= 60 && o.SlotStepMinutes % 5 == 0 && o.DailyMaximum > 0 && o.HorizonDays is > 0 and <= 365,
                "Bookings: SlotStepMinutes a multiple of 5 up to 60, DailyMaximum above 0, HorizonDays 1 to 365.")
            .Validate(o => o.HoldFor >= TimeSpan.FromMinutes(1) && o.HoldFor <= TimeSpan.FromHours(1) && o.HoldFor < o.MinimumNotice
                    && o.MaxConfirmationAttempts > 0 && o.MaxReschedules >= 0 && o.MaxActiveBookingsPerContact > 0 && o.MaxConfirmationMailsPerDay > 0,
                "Bookings: HoldFor 1 to 60 minutes and shorter than MinimumNotice; the caps above 0 (MaxReschedules 0 or more).")
            .ValidateOnStart();
        services.AddSingleton(sp => new SlotRules(sp.GetRequiredService<IOptions<BookingOptions>>().Value));
        services.AddSingleton<BookingStore>();
        services.AddSingleton<Availability>();
        services.AddSingleton<BookingMails>();
        services.AddSingleton<BookingSync>();
        services.AddSingleton<BookingDesk>();
        services.AddStepHandler<BookingSync>(BookingStepKinds.Sync, (sync, step, ct) => sync.RunAsync(Guid.Parse(step.TargetId), ct));
        services.AddStepHandler<BookingSync>(BookingStepKinds.Reminder, (sync, step, ct) => sync.RemindAsync(Guid.Parse(step.TargetId), step.Step, ct));
        services.AddStepHandler<BookingDesk>(BookingStepKinds.HoldExpiry, (desk, step, ct) => desk.ExpireAsync(Guid.Parse(step.TargetId), ct));
    }

    public static void MapBookings(this IEndpointRouteBuilder app)
    {
        var officers = app.MapGroup("/api/officers").WithTags("Bookings");
        officers.MapGet("/", FindOfficers).WithName(nameof(FindOfficers)).AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        officers.MapGet("/{id}/slots", ListSlots).WithName(nameof(ListSlots)).AllowAnonymous().RequireRateLimiting(RateLimits.Slots);
        officers.MapGet("/me/agenda", GetOfficerAgenda).WithName(nameof(GetOfficerAgenda)).RequireAuthorization(Policies.MeetCitizens);

        var bookings = app.MapGroup("/api/bookings").WithTags("Bookings");
        bookings.MapPost("/", CreateBooking).WithName(nameof(CreateBooking)).AllowAnonymous().RequireRateLimiting(RateLimits.Bookings);
        bookings.MapGet("/statistics", GetBookingStatistics).WithName(nameof(GetBookingStatistics)).RequireAuthorization(Policies.FollowDossiers);
        bookings.MapPost("/{id:guid}/outcome", RecordBookingOutcome).WithName(nameof(RecordBookingOutcome)).RequireAuthorization(Policies.MeetCitizens);

        // The citizen's side: the link is checked before anything else, so without a valid one every request gets the same answer.
        var managed = bookings.MapGroup("/{id:guid}").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .RequireSignedLink(LinkPurpose.BookingManagement);
        managed.MapGet("/", GetBooking).WithName(nameof(GetBooking));
        managed.MapPost("/confirm", ConfirmBooking).WithName(nameof(ConfirmBooking)).RequireRateLimiting(RateLimits.Bookings);
        managed.MapPost("/reschedule", RescheduleBooking).WithName(nameof(RescheduleBooking)).RequireRateLimiting(RateLimits.Bookings);
        managed.MapPost("/cancel", CancelBooking).WithName(nameof(CancelBooking)).RequireRateLimiting(RateLimits.Bookings);
        managed.MapGet("/calendar.ics", GetBookingCalendar).WithName(nameof(GetBookingCalendar));
    }

    /// <summary>The officers of the neighbourhood at a point, or at a street of the municipality.</summary>
    private static Results<Ok<OfficersView>, ValidationProblem> FindOfficers(
        double? lat, double? lon, string? address, string? lang, Neighbourhoods neighbourhoods, StreetDirectory streets, OfficerDirectory officers, IOptions<BookingOptions> options)
    {
        var language = lang is "fr" or "en" ? lang : "nl";
        LocationView location;
        if (!string.IsNullOrWhiteSpace(address))
        {
            if (address.Length > 200 || streets.Find(address) is not { } found)
            {
                return Invalid("address", ErrorCodes.UnknownValue, "We could not find this street in the municipality. Check the spelling, or pick the place on the map.");
            }

            location = new LocationView(found.Street.Latitude, found.Street.Longitude, found.Name);
        }
        else if (lat is { } latitude && lon is { } longitude)
        {
            if (!double.IsFinite(latitude) || latitude is < -90 or > 90)
            {
                return Invalid("lat", ErrorCodes.OutOfRange, "Give a latitude and longitude in degrees.");
            }

            if (!double.IsFinite(longitude) || longitude is < -180 or > 180)
            {
                return Invalid("lon", ErrorCodes.OutOfRange, "Give a latitude and longitude in degrees.");
            }

            location = new LocationView(latitude, longitude, null);
        }
        else
        {
            return Invalid("address", ErrorCodes.Required, "Give an address, or lat and lon.");
        }

        if (neighbourhoods.Find(location.Latitude, location.Longitude) is not { } neighbourhood)
        {
            return Invalid(string.IsNullOrWhiteSpace(address) ? "lat" : "address", ErrorCodes.OutsideMunicipality, "This place is outside the municipality.");
        }

        var rules = options.Value;
        return TypedResults.Ok(new OfficersView(
            new NeighbourhoodView(neighbourhood.Id, neighbourhood.Name(language)),
            location,
            [.. officers.ForNeighbourhood(neighbourhood.Id).Select(o =>
            {
                var office = officers.OfficeOf(o);
                return new OfficerView(o.Id, o.Name, o.Languages,
                    new OfficeHoursView(office.Name, office.Address, office.OpeningHours.OrderBy(d => ((int)d.Key + 6) % 7).ToDictionary(d => d.Key.ToString().ToLowerInvariant(), d => d.Value)),
                    [.. Enum.GetValues<AppointmentType>().Select(t => new AppointmentTypeView(t, rules.For(t).Minutes))]);
            })]));
    }

    private static async Task<Results<Ok<SlotsView>, NotFound, ValidationProblem>> ListSlots(
        string id, string? type, string? from, string? to, OfficerDirectory officers, Availability availability, TimeProvider time, CancellationToken cancellationToken)
    {
        if (officers.Find(id) is not { } officer)
        {
            return TypedResults.NotFound();
        }

        var errors = new FieldErrors();
        var appointmentType = ParseType(type ?? "office");
        if (appointmentType is null)
        {
            errors.Add("type", ErrorCodes.Format, "Use office, home or phone.");
        }

        var today = BookingStore.LocalDay(time.GetUtcNow());
        var first = from is null ? today : ParseDay(from);
        var last = to is null ? first?.AddDays(13) : ParseDay(to);
        if (first is null)
        {
            errors.Add("from", ErrorCodes.Format, "Use a date as yyyy-MM-dd.");
        }

        if (last is null)
        {
            errors.Add("to", ErrorCodes.Format, "Use a date as yyyy-MM-dd.");
        }
        else if (first is not null && (last < first || last.Value.DayNumber - first.Value.DayNumber >= MaxDays))
        {
            errors.Add("to", ErrorCodes.OutOfRange, $"Ask for 1 to {MaxDays} days, from before to.");
        }

        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var slots = await availability.FreeAsync(officer, appointmentType!.Value, first!.Value, last!.Value, null, cancellationToken);
        return TypedResults.Ok(new SlotsView(officer.Id, appointmentType.Value, "Europe/Brussels", first.Value, last.Value, [.. slots.Select(SlotView.From)]));
    }

    private static async Task<Results<Created<BookingView>, Ok<BookingView>, ValidationProblem, ProblemHttpResult>> CreateBooking(
        BookingRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        OfficerDirectory officers,
        BookingDesk desk,
        BookingMails mails,
        IOptions<BookingOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is not null && (idempotencyKey.Length is < 8 or > 100 || !idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return Invalid("idempotencyKey", ErrorCodes.Format, "Use a random UUID as Idempotency-Key.");
        }

        if (officers.Find(request.OfficerId!) is not { } officer)
        {
            return Invalid("officerId", ErrorCodes.UnknownValue, "There is no officer with this id.");
        }

        var type = ParseType(request.Type!)!.Value;
        var result = await desk.BookAsync(officer, type, request.Start!.Value, request.ToCitizen(), idempotencyKey, cancellationToken);
        return result.Attempt switch
        {
            BookingAttempt.Done => TypedResults.Created($"/api/bookings/{result.Booking!.Id}", View(result.Booking, officers, mails, time)),
            BookingAttempt.Repeated => TypedResults.Ok(View(result.Booking!, officers, mails, time)),
            BookingAttempt.NotASlot => Invalid("start", ErrorCodes.NotFree, "This is not a time this officer can be booked at. Pick one of the free times."),
            BookingAttempt.KeyReused => Problem.Unusable("idempotencyKey", ErrorCodes.IdempotencyKeyReused,
                "This Idempotency-Key was used for another request.", "Send a new random key with every new booking."),
            BookingAttempt.TooManyActive => Problem.Refused(StatusCodes.Status409Conflict, ErrorCodes.ActiveBookingsLimit,
                "You already have the most appointments you can have at once.",
                $"One e-mail address or phone number can have {options.Value.MaxActiveBookingsPerContact} appointments to come. Cancel one, or wait until it has passed."),
            BookingAttempt.TooManyMails => Problem.Refused(StatusCodes.Status429TooManyRequests, ErrorCodes.ConfirmationMailsLimit,
                "This address got enough confirmation mails today.",
                $"We send at most {options.Value.MaxConfirmationMailsPerDay} confirmation mails a day to one address. Confirm a booking from a mail you have, or try again tomorrow."),
            _ => Taken(result.Alternatives),
        };
    }

    /// <summary>
    /// Confirms a held booking with the code from the mail (typed into the page, or in the mail's link): the
    /// citizen has shown the address is theirs, and the appointment goes to the officer's calendar.
    /// </summary>
    private static async Task<Results<Ok<BookingView>, NotFound, ValidationProblem, ProblemHttpResult>> ConfirmBooking(
        Guid id, ConfirmRequest? request, BookingStore store, BookingDesk desk, OfficerDirectory officers, BookingMails mails, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.Code is not { } code || code.Trim().Length != 6 || !code.Trim().All(char.IsAsciiDigit))
        {
            return Invalid("code", ErrorCodes.Format, "Type the six digits from the confirmation mail.");
        }

        var result = await desk.ConfirmAsync(id, code, cancellationToken);
        return result.Attempt == BookingAttempt.WrongCode
            ? WrongCode()
            : TypedResults.Ok(View(result.Booking!, officers, mails, time));
    }

    private static async Task<Results<Ok<BookingView>, NotFound>> GetBooking(Guid id, BookingStore store, OfficerDirectory officers, BookingMails mails, TimeProvider time, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } stored ? TypedResults.Ok(View(stored.Booking, officers, mails, time)) : TypedResults.NotFound();

    private static async Task<Results<Ok<BookingView>, NotFound, ValidationProblem, ProblemHttpResult>> RescheduleBooking(
        Guid id, RescheduleRequest request, BookingStore store, BookingDesk desk, OfficerDirectory officers, BookingMails mails, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (request.Start is not { } start)
        {
            return Invalid("start", ErrorCodes.NotFree, "Pick one of the free times.");
        }

        var result = await desk.RescheduleAsync(id, start, BookingDesk.LinkHolder, cancellationToken);
        return result.Attempt switch
        {
            BookingAttempt.Done => TypedResults.Ok(View(result.Booking!, officers, mails, time)),
            BookingAttempt.NotASlot => Invalid("start", ErrorCodes.NotFree, "This is not a time this officer can be booked at. Pick one of the free times."),
            BookingAttempt.RescheduleLimit => Problem.Refused(StatusCodes.Status409Conflict, ErrorCodes.RescheduleLimit,
                "This appointment was moved as often as it can be.", "Keep this time, or cancel the appointment and book a new one."),
            _ => Taken(result.Alternatives),
        };
    }

    private static async Task<Results<Ok<BookingView>, NotFound, ValidationProblem>> CancelBooking(
        Guid id, CancelRequest? request, BookingStore store, BookingDesk desk, OfficerDirectory officers, BookingMails mails, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (request?.Reason is { Length: > CancelRequest.MaxReasonLength })
        {
            return Invalid("reason", ErrorCodes.TooLong, $"Keep the reason under {CancelRequest.MaxReasonLength} characters.");
        }

        var cancelled = await desk.CancelAsync(id, request?.Reason?.Trim(), BookingDesk.LinkHolder, cancellationToken);
        return TypedResults.Ok(View(cancelled, officers, mails, time));
    }

    /// <summary>The appointment as an iCalendar file to keep (PUBLISH: a copy, not an invitation to answer).</summary>
    private static async Task<Results<FileContentHttpResult, NotFound>> GetBookingCalendar(Guid id, BookingStore store, BookingMails mails, OfficerDirectory officers, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } stored || officers.Find(stored.Booking.OfficerId) is null)
        {
            return TypedResults.NotFound();
        }

        var file = Encoding.UTF8.GetBytes(mails.CalendarFile(stored.Booking, CalendarMethod.Publish));
        return TypedResults.File(file, $"{BookingCalendarFile.ContentType}; charset=utf-8", $"appointment-{stored.Booking.Start.UtcDateTime:yyyyMMdd-HHmm}.ics");
    }

    /// <summary>The signed-in officer's appointments, every status, in time order.</summary>
    private static async Task<Results<Ok<AgendaView>, ValidationProblem, ProblemHttpResult>> GetOfficerAgenda(
        string? from, string? to, ClaimsPrincipal user, OfficerDirectory officers, BookingStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OfficerOf(user, officers) is not { } officer)
        {
            return NotAnOfficer();
        }

        var today = BookingStore.LocalDay(time.GetUtcNow());
        if (Period(from, to, today, today.AddDays(30)) is not { } period)
        {
            return PeriodProblem(from);
        }

        var (first, last) = period;
        var list = await store.ListAsync(officer.Id, StartOf(first), StartOf(last.AddDays(1)), cancellationToken);
        var now = time.GetUtcNow();
        // Unconfirmed holds (and those that lapsed) are no appointments yet: the officer sees what citizens confirmed.
        return TypedResults.Ok(new AgendaView(new OfficerReference(officer.Id, officer.Name),
            [.. list.Where(b => b.ConfirmedAt is not null).Select(b => BookingView.From(b, officers, now))]));
    }

    private static async Task<Results<Ok<BookingView>, NotFound, ProblemHttpResult>> RecordBookingOutcome(
        Guid id, OutcomeRequest request, ClaimsPrincipal user, OfficerDirectory officers, BookingStore store, BookingDesk desk, TimeProvider time, CancellationToken cancellationToken)
    {
        if (OfficerOf(user, officers) is not { } officer)
        {
            return NotAnOfficer();
        }

        if (await store.GetAsync(officer.Id, id, cancellationToken) is not { } stored)
        {
            return TypedResults.NotFound();
        }

        var outcome = request.Outcome == "done" ? BookingOutcome.Done : BookingOutcome.NoShow;
        var closed = await desk.RecordOutcomeAsync(stored, outcome, AuditActor.From(user), cancellationToken);
        return TypedResults.Ok(BookingView.From(closed, officers, time.GetUtcNow()));
    }

    /// <summary>Counts of appointments that start in the period; they survive the erasure of personal data.</summary>
    private static async Task<Results<Ok<BookingStatistics>, ValidationProblem>> GetBookingStatistics(
        string? from, string? to, OfficerDirectory officers, BookingStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = BookingStore.LocalDay(time.GetUtcNow());
        if (Period(from, to, new DateOnly(today.Year, today.Month, 1), today) is not { } period)
        {
            return PeriodProblem(from);
        }

        var (first, last) = period;
        var all = new List<Booking>();
        foreach (var officer in officers.All)
        {
            all.AddRange(await store.ListAsync(officer.Id, StartOf(first), StartOf(last.AddDays(1)), cancellationToken));
        }

        static IReadOnlyDictionary<string, int> Count(IEnumerable<string> keys) => keys.GroupBy(k => k).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return TypedResults.Ok(new BookingStatistics(first, last, all.Count,
            Count(all.Select(b => Kebab(b.Type.ToString()))), Count(all.Select(b => Kebab(b.Status.ToString()))), Count(all.Select(b => b.OfficerId))));
    }

    private static BookingView View(Booking booking, OfficerDirectory officers, BookingMails mails, TimeProvider time) =>
        BookingView.From(booking, officers, time.GetUtcNow(), mails.ManageLink(booking), mails.MaxReschedules);

    private static Officer? OfficerOf(ClaimsPrincipal user, OfficerDirectory officers) =>
        officers.ForAccount(user.UserId(), user.FindFirstValue(ClaimTypes.Name));

    private static ProblemHttpResult NotAnOfficer() => Problem.Refused(StatusCodes.Status404NotFound, ErrorCodes.NotAnOfficer,
        "Not a neighbourhood officer.", "Your account is not linked to an officer in the directory; ask the functional administrator.");

    private static ProblemHttpResult Taken(IReadOnlyList<Slot> alternatives) => Problem.Conflict(
        ErrorCodes.SlotTaken,
        "This time is no longer free.",
        alternatives.Count > 0 ? "Someone else just took it. Pick one of the alternatives." : "Someone else just took it, and there is no other free time soon. Try another appointment type or a later day.",
        new Dictionary<string, object?> { ["alternatives"] = alternatives.Select(SlotView.From).ToList() });

    private static ValidationProblem Invalid(string field, string code, string message) => Problem.Invalid(field, code, message);

    /// <summary>A field error that the page answers with its own sentence, so the whole problem carries the rule's code.</summary>
    private static ValidationProblem WrongCode()
    {
        var problem = Invalid("code", ErrorCodes.WrongCode, "This is not the code from the mail. Check it and try again.");
        problem.ProblemDetails.Extensions["code"] = ErrorCodes.WrongCode;
        return problem;
    }

    private static AppointmentType? ParseType(string text) => text switch
    {
        "office" => AppointmentType.Office,
        "home" => AppointmentType.Home,
        "phone" => AppointmentType.Phone,
        _ => null,
    };

    /// <summary>A period of whole Brussels days from the query, at most a year long; null when it makes no sense.</summary>
    private static (DateOnly First, DateOnly Last)? Period(string? from, string? to, DateOnly defaultFrom, DateOnly defaultTo)
    {
        var (first, last) = (from is null ? defaultFrom : ParseDay(from), to is null ? defaultTo : ParseDay(to));
        return first is { } f && last is { } l && f <= l && l.DayNumber - f.DayNumber <= 366 ? (f, l) : null;
    }

    private static ValidationProblem PeriodProblem(string? from) =>
        Invalid(from is not null && ParseDay(from) is null ? "from" : "to", ErrorCodes.Format, "Use dates as yyyy-MM-dd, from before to, at most a year apart.");

    /// <summary>A date as yyyy-MM-dd within this century: anything else is a typo, and would overflow day arithmetic.</summary>
    private static DateOnly? ParseDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and < 2100 ? day : null;

    private static DateTimeOffset StartOf(DateOnly day) => BrusselsTime.StartOf(day);

    private static string Kebab(string name) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
