namespace Wijkwacht.Mail;

/// <summary>
/// Sends an e-mail: through Microsoft Graph in Azure, into the blob outbox locally. A mail id is sent once:
/// sending the same id again changes nothing.
/// </summary>
internal interface IMailSender
{
    /// <returns>false when this mail was sent before.</returns>
    Task<bool> SendAsync(MailMessage mail, CancellationToken cancellationToken);
}
