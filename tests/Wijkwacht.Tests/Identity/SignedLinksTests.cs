using System.Buffers.Text;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Wijkwacht.Identity;

namespace Wijkwacht.Tests.Identity;

/// <summary>Signed links on a real revocation table, with a fake clock for expiry.</summary>
public sealed class SignedLinksTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly SignedLinkKey Current = NewKey("key-2");
    private static readonly SignedLinkKey Previous = NewKey("key-1");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly TableClient _revocations = new(azurite.ConnectionString, "links" + Guid.NewGuid().ToString("N")[..10]);

    public async ValueTask InitializeAsync() => await _revocations.CreateAsync();

    public async ValueTask DisposeAsync() => await _revocations.DeleteAsync();

    [Fact]
    public async Task ALinkOpensItsOwnObjectForItsOwnPurposeUntilItExpires()
    {
        var links = Links(Current);
        var token = links.Issue(LinkPurpose.PartnerDossier, "dossier-1", TimeSpan.FromDays(30));

        Assert.True(await links.IsValidAsync(token, LinkPurpose.PartnerDossier, "dossier-1", default));
        Assert.False(await links.IsValidAsync(token, LinkPurpose.PartnerDossier, "dossier-2", default));
        Assert.False(await links.IsValidAsync(token, LinkPurpose.BookingManagement, "dossier-1", default));

        _time.Advance(TimeSpan.FromDays(30));
        Assert.False(await links.IsValidAsync(token, LinkPurpose.PartnerDossier, "dossier-1", default));
    }

    [Fact]
    public async Task ATamperedOrForgedLinkIsRefused()
    {
        var links = Links(Current);
        var token = links.Issue(LinkPurpose.CitizenStatus, "report-1", TimeSpan.FromDays(1));
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);
        var json = System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payload));
        var otherObject = $"{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json.Replace("report-1", "report-2", StringComparison.Ordinal)))}.{signature}";
        var forgedWithOwnKey = Links(NewKey("key-2")).Issue(LinkPurpose.CitizenStatus, "report-1", TimeSpan.FromDays(1));

        Assert.False(await links.IsValidAsync($"{payload}.{Base64Url.EncodeToString(new byte[32])}", LinkPurpose.CitizenStatus, "report-1", default));
        Assert.False(await links.IsValidAsync($"{Tamper(payload)}.{signature}", LinkPurpose.CitizenStatus, "report-1", default));
        Assert.False(await links.IsValidAsync(forgedWithOwnKey, LinkPurpose.CitizenStatus, "report-1", default));
        Assert.False(await links.IsValidAsync(otherObject, LinkPurpose.CitizenStatus, "report-2", default));
        foreach (var junk in new[] { null, "", ".", "a.b.c", "not-base64!.x", new string('a', 5000) })
        {
            Assert.False(await links.IsValidAsync(junk, LinkPurpose.CitizenStatus, "report-1", default));
        }
    }

    [Fact]
    public async Task RevokingStopsEveryEarlierLinkOfTheObjectButNotLaterOnes()
    {
        var links = Links(Current);
        var early = links.Issue(LinkPurpose.PartnerDossier, "dossier-1", TimeSpan.FromDays(30));
        var otherDossier = links.Issue(LinkPurpose.PartnerDossier, "dossier-2", TimeSpan.FromDays(30));

        _time.Advance(TimeSpan.FromMinutes(1));
        await links.RevokeAsync(LinkPurpose.PartnerDossier, "dossier-1", default);
        _time.Advance(TimeSpan.FromMinutes(1));
        var reissued = links.Issue(LinkPurpose.PartnerDossier, "dossier-1", TimeSpan.FromDays(30));

        Assert.False(await links.IsValidAsync(early, LinkPurpose.PartnerDossier, "dossier-1", default));
        Assert.True(await links.IsValidAsync(reissued, LinkPurpose.PartnerDossier, "dossier-1", default));
        Assert.True(await links.IsValidAsync(otherDossier, LinkPurpose.PartnerDossier, "dossier-2", default));
    }

    [Fact]
    public async Task LinksSurviveAKeyRotationUntilTheOldKeyIsDropped()
    {
        var beforeRotation = Links(Previous).Issue(LinkPurpose.BookingManagement, "booking-1", TimeSpan.FromDays(30));

        var rotated = Links(Current, Previous);
        var afterRotation = rotated.Issue(LinkPurpose.BookingManagement, "booking-1", TimeSpan.FromDays(30));
        var oldKeyDropped = Links(Current);

        Assert.True(await rotated.IsValidAsync(beforeRotation, LinkPurpose.BookingManagement, "booking-1", default));
        Assert.True(await rotated.IsValidAsync(afterRotation, LinkPurpose.BookingManagement, "booking-1", default));
        Assert.False(await oldKeyDropped.IsValidAsync(beforeRotation, LinkPurpose.BookingManagement, "booking-1", default));
        Assert.True(await oldKeyDropped.IsValidAsync(afterRotation, LinkPurpose.BookingManagement, "booking-1", default));
    }

    private SignedLinks Links(params SignedLinkKey[] keys) =>
        new(Options.Create(new SignedLinkOptions { Keys = [.. keys] }), _revocations, _time);

    private static SignedLinkKey NewKey(string id) => new() { Id = id, Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    private static string Tamper(string encodedPayload)
    {
        var json = System.Text.Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encodedPayload));
        return Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(json.Replace("\"e\":", "\"e\":9", StringComparison.Ordinal)));
    }
}
