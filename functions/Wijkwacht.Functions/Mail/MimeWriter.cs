using System.Globalization;
using System.Text;

namespace Wijkwacht.Mail;

/// <summary>Writes a MailMessage as an RFC 5322 / MIME message (.eml): UTF-8 text, base64 bodies, attachments.</summary>
internal static class MimeWriter
{
    public static byte[] Write(MailMessage mail, string from, DateTimeOffset date)
    {
        var text = new StringBuilder();
        Header(text, "From", $"Wijkwacht <{from}>");
        Header(text, "To", mail.To);
        Header(text, "Subject", EncodeWord(mail.Subject));
        Header(text, "Date", date.ToString("ddd, dd MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture).Remove(29, 1));
        Header(text, "Message-ID", $"<{mail.Id}@wijkwacht>");
        Header(text, "Content-Language", mail.Language);
        Header(text, "MIME-Version", "1.0");
        if (mail.Attachments.Count == 0)
        {
            Part(text, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(mail.Body));
            return Encoding.ASCII.GetBytes(text.ToString());
        }

        var boundary = "=_wijkwacht_" + mail.Id.GetHashCode(StringComparison.Ordinal).ToString("x8", CultureInfo.InvariantCulture);
        Header(text, "Content-Type", $"multipart/mixed; boundary=\"{boundary}\"");
        text.Append("\r\n");
        text.Append("--").Append(boundary).Append("\r\n");
        Part(text, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(mail.Body));
        foreach (var attachment in mail.Attachments)
        {
            text.Append("--").Append(boundary).Append("\r\n");
            Header(text, "Content-Disposition", $"attachment; filename=\"{attachment.FileName}\"");
            Part(text, attachment.ContentType, attachment.Content);
        }

        text.Append("--").Append(boundary).Append("--\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static void Part(StringBuilder text, string contentType, byte[] content)
    {
        Header(text, "Content-Type", contentType);
        Header(text, "Content-Transfer-Encoding", "base64");
        text.Append("\r\n");
        var base64 = Convert.ToBase64String(content);
        for (var i = 0; i < base64.Length; i += 76)
        {
            text.Append(base64, i, Math.Min(76, base64.Length - i)).Append("\r\n");
        }
    }

    private static void Header(StringBuilder text, string name, string value)
    {
        if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A {name} header must not contain line breaks.", nameof(value));
        }

        text.Append(name).Append(": ").Append(value).Append("\r\n");
    }

    /// <summary>RFC 2047 encoded-word for non-ASCII header text.</summary>
    public static string EncodeWord(string value) =>
        value.All(c => c is >= ' ' and <= '~') ? value : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";
}
