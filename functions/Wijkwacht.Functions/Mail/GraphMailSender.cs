using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.SendMail;
using Wijkwacht.Storage;

namespace Wijkwacht.Mail;

/// <summary>
/// Sends through Microsoft Graph (POST /users/{from}/sendMail, application permission Mail.Send). Graph cannot
/// tell a repeat, so sent mail ids are remembered: a redelivered message finds its mail sent and sends nothing.
/// A crash between Graph's answer and that record can still send a mail twice (at least once, not exactly once).
/// </summary>
internal sealed class GraphMailSender(
    GraphServiceClient graph,
    [FromKeyedServices(Tables.SentMail)] TableClient sent,
    IOptions<MailOptions> options,
    TimeProvider time) : IMailSender
{
    private const string Partition = "mail";

    public async Task<bool> SendAsync(MailMessage mail, CancellationToken cancellationToken)
    {
        if ((await sent.GetEntityIfExistsAsync<TableEntity>(Partition, mail.Id, ["SentAt"], cancellationToken)).HasValue)
        {
            return false;
        }

        var message = new Message
        {
            Subject = mail.Subject,
            Body = new ItemBody { ContentType = BodyType.Text, Content = mail.Body },
            ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = mail.To } }],
            Attachments = [.. mail.Attachments.Select(a => (Attachment)new FileAttachment { Name = a.FileName, ContentType = a.ContentType, ContentBytes = a.Content })],
        };
        // No copy in Sent Items and no address in the record: what was sent to whom is kept where the retention
        // job can erase it (the dossier's or booking's own rows), not in a mailbox or table it does not know.
        await graph.Users[options.Value.From].SendMail.PostAsync(new SendMailPostRequestBody { Message = message, SaveToSentItems = false }, cancellationToken: cancellationToken);
        await sent.UpsertEntityAsync(new TableEntity(Partition, mail.Id) { ["SentAt"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
        return true;
    }
}
