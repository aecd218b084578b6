namespace Wijkwacht.Problems;

/// <summary>
/// The stable, machine-readable codes of every problem: the top-level <c>code</c>, and per field in
/// <c>codes</c>. They never change meaning; pages translate by them. docs/errors.md lists them all (a test
/// keeps the two in step).
/// </summary>
internal static class ErrorCodes
{
    // Top-level codes, by status.
    public const string InvalidInput = "invalid-input";
    public const string BadRequest = "bad-request";
    public const string Unauthenticated = "unauthenticated";
    public const string Forbidden = "forbidden";
    public const string LinkInvalid = "link-invalid";
    public const string NotFound = "not-found";
    public const string NotAnOfficer = "not-an-officer";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string ChangedMeanwhile = "changed-meanwhile";
    public const string KeepsChanging = "keeps-changing";
    public const string IllegalTransition = "illegal-transition";
    public const string IdTaken = "id-taken";
    public const string PartnerExists = "partner-exists";
    public const string PhotosFull = "photos-full";
    public const string CorrectionTooLate = "correction-too-late";
    public const string SlotTaken = "slot-taken";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string NoLinkToRenew = "no-link-to-renew";
    public const string DossierClosed = "dossier-closed";
    public const string SamePartner = "same-partner";
    public const string MergeIntoItself = "merge-into-itself";
    public const string MergeIntoClosed = "merge-into-closed";
    public const string DossierMerged = "dossier-merged";
    public const string OnlyObservation = "only-observation";
    public const string FollowUpOutOfOrder = "follow-up-out-of-order";
    public const string ReasonRequired = "reason-required";
    public const string AppointmentNotYet = "appointment-not-yet";
    public const string AppointmentClosed = "appointment-closed";
    public const string AppointmentStarted = "appointment-started";
    public const string OfficerGone = "officer-gone";
    public const string PhotoUnusable = "photo-unusable";
    public const string TooLarge = "too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string RateLimited = "rate-limited";
    public const string ActiveBookingsLimit = "active-bookings-limit";
    public const string ConfirmationMailsLimit = "confirmation-mails-limit";
    public const string RescheduleLimit = "reschedule-limit";
    public const string HoldExpired = "hold-expired";
    public const string TooManyCodes = "too-many-codes";
    public const string InternalError = "internal-error";
    public const string Unavailable = "unavailable";

    // Field codes.
    public const string Required = "required";
    public const string TooLong = "too-long";
    public const string TooShort = "too-short";
    public const string OutOfRange = "out-of-range";
    public const string Format = "format";
    public const string WrongType = "wrong-type";
    public const string UnknownField = "unknown-field";
    public const string DuplicateField = "duplicate-field";
    public const string InvalidJson = "invalid-json";
    public const string ControlCharacter = "control-character";
    public const string InvisibleCharacter = "invisible-character";
    public const string WrongCode = "wrong-code";
    public const string NotUuid = "not-uuid";
    public const string UnknownValue = "unknown-value";
    public const string NotAllowed = "not-allowed";
    public const string OutsideMunicipality = "outside-municipality";
    public const string InFuture = "in-future";
    public const string TooOld = "too-old";
    public const string NotFree = "not-free";
    public const string DuplicateValue = "duplicate-value";
    public const string Invalid = "invalid";

    /// <summary>The code of a problem that names none itself, by its status.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthenticated,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => KeepsChanging,
        StatusCodes.Status412PreconditionFailed => ChangedMeanwhile,
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        >= 500 => InternalError,
        _ => BadRequest,
    };
}
