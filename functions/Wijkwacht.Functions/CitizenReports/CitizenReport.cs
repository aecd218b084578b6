using System.Security.Cryptography;

namespace Wijkwacht.CitizenReports;

/// <summary>A citizen's answer to "is it fixed?", given once, through the link in the resolution mail.</summary>
internal sealed record CitizenFeedback(bool Fixed, string? Reason, string? Comment, DateTimeOffset At, string PartnerId, string Category, bool Counted);

/// <summary>
/// What a citizen reported through the website, beyond the observation it becomes: who to tell (an optional
/// e-mail address or phone number, in their language) and the answer date the city promised. The problem itself
/// (category, place, description, photos) is an observation in the wardens' flow, with the same id.
/// </summary>
internal sealed record CitizenReport
{
    /// <summary>How long the "is it fixed?" link in the resolution mail works.</summary>
    public static readonly TimeSpan FeedbackWindow = TimeSpan.FromDays(14);

    /// <summary>The channels staff enter reports from; "web" is the report page itself.</summary>
    public static readonly string[] Channels = ["phone", "letter", "email", "social-media", "street-mailbox", "other-service"];

    /// <summary>The observation's id as well: the report is found from the dossier's observations.</summary>
    public required Guid Id { get; init; }

    public string Reference => ReferenceFor(Id);

    public required string Category { get; init; }

    public required string Language { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When the city received it: the submission for the website, the date on the letter or call for staff intake.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public required DateOnly ExpectedAnswerBy { get; init; }

    /// <summary>Where the report came in: the website, or a channel staff enter it from (see <see cref="Channels"/>).</summary>
    public string Channel { get; init; } = "web";

    public CitizenFeedback? Feedback { get; init; }

    /// <summary>Set when the retention job erased the contact details; the report stays for the statistics.</summary>
    public DateTimeOffset? ContactErasedAt { get; init; }

    public bool HasContact => Email is not null || Phone is not null;

    /// <summary>The date the retention period runs from: the feedback, or the submission when none came.</summary>
    public DateTimeOffset RetentionFrom => Feedback?.At ?? SubmittedAt;

    public CitizenReport EraseContact(DateTimeOffset now) => this with
    {
        Email = null,
        Phone = null,
        ContactErasedAt = now,
        Feedback = Feedback is null ? null : Feedback with { Comment = null },
    };

    /// <summary>
    /// The reference people read, type and quote on the phone: WW- and eight characters without look-alikes
    /// (Crockford's base32), derived from the id so a retried submission gets the same one.
    /// </summary>
    public static string ReferenceFor(Guid id)
    {
        const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var hash = SHA256.HashData(id.ToByteArray());
        var value = BitConverter.ToUInt64(hash, 0);
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return $"WW-{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }

    /// <summary>The id a submission gets: random, or derived from the client's Idempotency-Key so a retry finds it.</summary>
    public static Guid IdFor(string? idempotencyKey) => idempotencyKey is null
        ? Guid.NewGuid()
        : new Guid(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("citizen-report:" + idempotencyKey)).AsSpan(0, 16));
}
