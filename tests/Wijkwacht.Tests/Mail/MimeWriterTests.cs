using System.Text;
using System.Text.RegularExpressions;
using Wijkwacht.Mail;

namespace Wijkwacht.Tests.Mail;

public sealed class MimeWriterTests
{
    private const string From = "wijkwacht@example.brussels";
    private static readonly DateTimeOffset Date = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1));
    private static readonly MailMessage Mail = new("dossier-7-forwarded", "partner@example.brussels", "Dossier 7", "Hallo", "nl");

    [Fact]
    public void AMailCarriesTheStandardHeadersOnCrLfLines()
    {
        var eml = Write(Mail);

        Assert.DoesNotMatch(@"\r(?!\n)|(?<!\r)\n", eml);
        var headers = Parse(eml).Headers;
        Assert.Equal("Wijkwacht <wijkwacht@example.brussels>", headers["From"]);
        Assert.Equal("partner@example.brussels", headers["To"]);
        Assert.Equal("Dossier 7", headers["Subject"]);
        Assert.Equal("Sun, 22 Nov 2026 10:00:00 +0100", headers["Date"]);
        Assert.Equal("<dossier-7-forwarded@wijkwacht>", headers["Message-ID"]);
        Assert.Equal("nl", headers["Content-Language"]);
        Assert.Equal("1.0", headers["MIME-Version"]);
    }

    [Fact]
    public void ANonAsciiSubjectIsAnEncodedWordThatDecodesToTheOriginal()
    {
        const string subject = "Dossier 7 — sacs poubelle à côté de la bulle à verre";

        var header = Parse(Write(Mail with { Subject = subject })).Headers["Subject"];

        var word = Regex.Match(header, @"^=\?utf-8\?B\?([A-Za-z0-9+/=]+)\?=$", RegexOptions.IgnoreCase);
        Assert.True(word.Success, header);
        Assert.Equal(subject, Encoding.UTF8.GetString(Convert.FromBase64String(word.Groups[1].Value)));
    }

    [Fact]
    public void TheBodyIsItsUtf8TextInBase64()
    {
        const string body = "Beste partner,\n\nEr is een melding in uw zone: sacs poubelle à côté de la bulle à verre. Graag opvolgen — bedankt!";

        var part = Parse(Write(Mail with { Body = body }));

        Assert.Equal("text/plain; charset=utf-8", part.Headers["Content-Type"]);
        Assert.Equal(body, Encoding.UTF8.GetString(Base64Content(part)));
    }

    [Fact]
    public void AnAttachmentMakesAMultipartMailFromWhichItsBytesAreRecovered()
    {
        var pdf = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var mail = Mail with { Attachments = [new MailAttachment("dossier-7.pdf", "application/pdf", pdf)] };

        var message = Parse(Write(mail));

        var boundary = Regex.Match(message.Headers["Content-Type"], "^multipart/mixed; boundary=\"(.+)\"$").Groups[1].Value;
        Assert.NotEmpty(boundary);
        var parts = message.Content.Split("--" + boundary);
        Assert.Equal("--\r\n", parts[^1]);
        Assert.Equal(4, parts.Length);
        var text = Parse(parts[1].TrimStart('\r', '\n'));
        Assert.Equal("Hallo", Encoding.UTF8.GetString(Base64Content(text)));
        var attachment = Parse(parts[2].TrimStart('\r', '\n'));
        Assert.Equal("attachment; filename=\"dossier-7.pdf\"", attachment.Headers["Content-Disposition"]);
        Assert.Equal("application/pdf", attachment.Headers["Content-Type"]);
        Assert.Equal(pdf, Base64Content(attachment));
    }

    [Fact]
    public void ALineBreakInAHeaderIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Write(Mail with { To = "partner@example.brussels\r\nBcc: attacker@example.com" }));
        Assert.Throws<ArgumentException>(() => Write(Mail with { Language = "nl\nBcc: attacker@example.com" }));
        var attachment = new MailAttachment("a.pdf\r\nBcc: attacker@example.com", "application/pdf", [1]);
        Assert.Throws<ArgumentException>(() => Write(Mail with { Attachments = [attachment] }));
    }

    [Fact]
    public void ALineBreakInTheSubjectCannotAddAHeader()
    {
        var headers = Parse(Write(Mail with { Subject = "Dossier 7\r\nBcc: attacker@example.com" })).Headers;

        Assert.DoesNotContain("Bcc", headers.Keys);
    }

    private static string Write(MailMessage mail) => Encoding.ASCII.GetString(MimeWriter.Write(mail, From, Date));

    private static byte[] Base64Content(MimePart part)
    {
        Assert.Equal("base64", part.Headers["Content-Transfer-Encoding"]);
        var lines = part.Content.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.InRange(line.Length, 1, 76));
        return Convert.FromBase64String(string.Concat(lines));
    }

    /// <summary>Headers up to the first empty line (the writer never folds them), then the content.</summary>
    private static MimePart Parse(string entity)
    {
        var end = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, "The entity has no empty line after its headers.");
        var headers = entity[..end].Split("\r\n")
            .Select(line => line.Split(": ", 2))
            .ToDictionary(h => h[0], h => h[1]);
        return new MimePart(headers, entity[(end + 4)..]);
    }

    private sealed record MimePart(Dictionary<string, string> Headers, string Content);
}
