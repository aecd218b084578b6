using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Wijkwacht.Storage;

namespace Wijkwacht.Mail;

internal sealed record OutboxItem(string Id, string To, string Subject, DateTimeOffset SentAt);

/// <summary>
/// The local mail channel: every e-mail becomes an .eml file in a blob container, so a person trying the
/// system sees exactly what it would send. A mail id is written once; sending it again changes nothing.
/// </summary>
internal sealed class Outbox(
    [FromKeyedServices(Containers.Outbox)] BlobContainerClient container,
    TimeProvider time,
    IOptions<MailOptions> options) : IMailSender
{
    /// <returns>false when this mail was sent before.</returns>
    public async Task<bool> SendAsync(MailMessage mail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var blob = container.GetBlobClient(BlobName(mail.Id));
        try
        {
            await blob.UploadAsync(
                new BinaryData(MimeWriter.Write(mail, options.Value.From, now)),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "message/rfc822" },
                    Metadata = new Dictionary<string, string>
                    {
                        ["to"] = Uri.EscapeDataString(mail.To),
                        ["subject"] = Uri.EscapeDataString(mail.Subject),
                        ["sentat"] = now.ToString("O"),
                    },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<OutboxItem>> ListAsync(int max, CancellationToken cancellationToken)
    {
        var items = new List<OutboxItem>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            string Metadata(string name) => blob.Metadata.TryGetValue(name, out var value) ? Uri.UnescapeDataString(value) : "";
            items.Add(new OutboxItem(
                Path.GetFileNameWithoutExtension(blob.Name),
                Metadata("to"),
                Metadata("subject"),
                DateTimeOffset.TryParse(Metadata("sentat"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var sentAt)
                    ? sentAt
                    : blob.Properties.CreatedOn ?? DateTimeOffset.MinValue));
        }

        return [.. items.OrderByDescending(i => i.SentAt).ThenBy(i => i.Id, StringComparer.Ordinal).Take(max)];
    }

    public async Task<BinaryData?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(BlobName(id)).DownloadContentAsync(cancellationToken);
            return content.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private static string BlobName(string mailId) => mailId + ".eml";
}

internal enum MailTransport
{
    Outbox,
    Graph,
}

internal static class MailSetup
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MailOptions>().BindConfiguration("Mail");
        services.AddSingleton<Outbox>();
        if (builder.Configuration.GetValue("Mail:Transport", MailTransport.Outbox) == MailTransport.Graph)
        {
            // The managed identity needs the Mail.Send application permission on Graph.
            services.AddGraph();
            services.AddSingleton<IMailSender, GraphMailSender>();
        }
        else
        {
            services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<Outbox>());
        }
    }
}
