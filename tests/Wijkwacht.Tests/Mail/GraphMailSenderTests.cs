using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Wijkwacht.Mail;

namespace Wijkwacht.Tests.Mail;

/// <summary>
/// The Graph mail adapter against Graph's documented sendMail request (POST /v1.0/users/{id}/sendMail, 202
/// Accepted), answered by a handler behind the SDK's own pipeline, and a real table on Azurite.
/// </summary>
public sealed class GraphMailSenderTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TableClient _sent = new(azurite.ConnectionString, "sent" + Guid.NewGuid().ToString("N")[..10]);
    private readonly RecordingGraph _graph = new((_, _) => new HttpResponseMessage(HttpStatusCode.Accepted));

    public async ValueTask InitializeAsync() => await _sent.CreateAsync();

    public async ValueTask DisposeAsync() => await _sent.DeleteAsync();

    [Fact]
    public async Task AMailIsSentAsGraphDocumentsSendMailAndOnlyOnce()
    {
        var sender = Sender();
        var mail = new MailMessage("dossier-1-forwarded", "meldingen@net-brussel.example", "Nieuw dossier: Sluikstorten", "Beste,\r\nEen dossier.", "nl")
        {
            Attachments = [new MailAttachment("afspraak.ics", "text/calendar", "BEGIN:VCALENDAR"u8.ToArray())],
        };

        Assert.True(await sender.SendAsync(mail, default));
        Assert.False(await sender.SendAsync(mail, default));

        var request = Assert.Single(_graph.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("https://graph.microsoft.com/v1.0/users/wijkwacht%40example.brussels/sendMail", request.Uri);
        Assert.Equal("Bearer test-token", request.Headers["Authorization"]);
        // The SDK writes the two top-level names as "Message" and "SaveToSentItems"; Graph reads names regardless of case.
        var body = request.Json();
        var message = body["message"];
        Assert.False(body["saveToSentItems"].GetBoolean()); // no copies of citizens' mails outside the retention job's reach
        Assert.Equal("Nieuw dossier: Sluikstorten", message.GetProperty("subject").GetString());
        Assert.Equal("text", message.GetProperty("body").GetProperty("contentType").GetString());
        Assert.Equal("meldingen@net-brussel.example", message.GetProperty("toRecipients")[0].GetProperty("emailAddress").GetProperty("address").GetString());
        var attachment = message.GetProperty("attachments")[0];
        Assert.Equal("#microsoft.graph.fileAttachment", attachment.GetProperty("@odata.type").GetString());
        Assert.Equal("afspraak.ics", attachment.GetProperty("name").GetString());
        Assert.Equal("BEGIN:VCALENDAR"u8.ToArray(), Convert.FromBase64String(attachment.GetProperty("contentBytes").GetString()!));
    }

    private GraphMailSender Sender() =>
        new(_graph.Client(), _sent, Options.Create(new MailOptions { From = "wijkwacht@example.brussels" }), TimeProvider.System);
}
