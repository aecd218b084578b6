using System.ComponentModel.DataAnnotations;
using Wijkwacht.Time;

namespace Wijkwacht.Bookings;

/// <summary>A citizen asks for an appointment. Public, as .NET's validation generator only validates public types.</summary>
public sealed record BookingRequest : IValidatableObject
{
    [Required, StringLength(64), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use an officer id from the officers list.")]
    public string? OfficerId { get; init; }

    [Required, RegularExpression("^(office|home|phone)$", ErrorMessage = "Use office, home or phone.")]
    public string? Type { get; init; }

    [Required]
    public DateTimeOffset? Start { get; init; }

    [Required, StringLength(100, MinimumLength = 2), RegularExpression(@"^[^\p{Cc}\p{Cf}]+$", ErrorMessage = "Use one line of text, without control characters.")]
    public string? Name { get; init; }

    [StringLength(254), EmailAddress]
    public string? Email { get; init; }

    [StringLength(30), RegularExpression(@"^\+?[0-9 ./()-]{6,30}$", ErrorMessage = "Use a phone number such as +32 470 12 34 56.")]
    public string? Phone { get; init; }

    [Required, RegularExpression("^(nl|fr|en)$", ErrorMessage = "Use nl, fr or en.")]
    public string? Language { get; init; }

    [Required, StringLength(500, MinimumLength = 2), RegularExpression(@"^(?:[^\p{Cc}]|[\r\n\t])+$", ErrorMessage = "Use text without control characters.")]
    public string? Subject { get; init; }

    [StringLength(200), RegularExpression(@"^[^\p{Cc}\p{Cf}]*$", ErrorMessage = "Use one line of text, without control characters.")]
    public string? Address { get; init; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Phone))
        {
            yield return new ValidationResult("Give an e-mail address or a phone number, so the officer can reach you.", [nameof(Email)]);
        }

        if (Type == "home" && string.IsNullOrWhiteSpace(Address))
        {
            yield return new ValidationResult("Give the address the officer should come to.", [nameof(Address)]);
        }

        if (Type == "phone" && string.IsNullOrWhiteSpace(Phone))
        {
            yield return new ValidationResult("Give the number the officer should call.", [nameof(Phone)]);
        }
    }

    internal Citizen ToCitizen() => new(Name!.Trim(), Blank(Email), Blank(Phone), Language!, Subject!.Trim(), Type == "home" ? Blank(Address) : null);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A new time for a booking. Checked by hand after the link, not by the validation filter before it, so a request without a valid link learns nothing.</summary>
internal sealed record RescheduleRequest(DateTimeOffset? Start);

/// <summary>Why the citizen cancels (optional). Checked by hand after the link, as <see cref="RescheduleRequest"/>.</summary>
internal sealed record CancelRequest(string? Reason)
{
    public const int MaxReasonLength = 500;
}

public sealed record OutcomeRequest([property: Required, RegularExpression("^(done|no-show)$", ErrorMessage = "Use done or no-show.")] string? Outcome);

/// <summary>A free time as the API gives it: start and end in Brussels time with their offset.</summary>
internal sealed record SlotView(DateTimeOffset Start, DateTimeOffset End)
{
    public static SlotView From(Slot slot) => new(Brussels(slot.Start), Brussels(slot.End));

    public static DateTimeOffset Brussels(DateTimeOffset at) => BrusselsTime.ToLocal(at);
}

internal sealed record OfficeView(string Name, string Address);

/// <summary>A booking as the citizen (through the link) and the officer see it.</summary>
internal sealed record BookingView(
    Guid Id,
    string OfficerId,
    string OfficerName,
    AppointmentType Type,
    DateTimeOffset Start,
    DateTimeOffset End,
    BookingStatus Status,
    string? Name,
    string? Email,
    string? Phone,
    string Language,
    string? Subject,
    string? Address,
    OfficeView? Office,
    int Sequence,
    string? ManageUrl,
    IReadOnlyList<string> AllowedActions)
{
    public static BookingView From(Booking b, OfficerDirectory officers, DateTimeOffset now, Uri? manageUrl = null)
    {
        // An officer who left the directory keeps their bookings (for access requests and statistics).
        var officer = officers.Find(b.OfficerId);
        var office = officer is null ? null : officers.OfficeOf(officer);
        return new BookingView(
            b.Id, b.OfficerId, officer?.Name ?? b.OfficerId, b.Type, SlotView.Brussels(b.Start), SlotView.Brussels(b.End), b.Status,
            b.Citizen.Name, b.Citizen.Email, b.Citizen.Phone, b.Citizen.Language, b.Citizen.Subject, b.Citizen.Address,
            b.Type == AppointmentType.Office && office is not null ? new OfficeView(office.Name, office.Address) : null,
            b.Sequence, manageUrl?.ToString(), b.AllowedActions(now));
    }
}
