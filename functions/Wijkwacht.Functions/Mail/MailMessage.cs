namespace Wijkwacht.Mail;

/// <summary>
/// One e-mail. The id is chosen by the sender from what the mail is about (dossier + purpose), so sending the
/// same mail twice is recognised and done once.
/// </summary>
internal sealed record MailMessage(string Id, string To, string Subject, string Body, string Language)
{
    public IReadOnlyList<MailAttachment> Attachments { get; init; } = [];
}

internal sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

internal sealed class MailOptions
{
    public string From { get; set; } = "wijkwacht@example.brussels";
}
