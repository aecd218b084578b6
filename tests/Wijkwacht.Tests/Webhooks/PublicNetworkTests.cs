using System.Net;
using Wijkwacht.Webhooks;

namespace Wijkwacht.Tests.Webhooks;

/// <summary>Outside Development a webhook delivery connects only to public addresses, whatever URL a partner was given.</summary>
public sealed class PublicNetworkTests
{
    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)] // the platform's metadata endpoint
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void OnlyPublicAddressesAreReachable(string address, bool reachable) =>
        Assert.Equal(reachable, PublicNetwork.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task AWebhookOnTheLoopbackIsRefusedBeforeAnythingIsSent()
    {
        await using var listener = await RecordingListener.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = PublicNetwork.ConnectAsync });

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(listener.BaseAddress, new StringContent("{}")));

        Assert.Contains("does not resolve to a public address", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Requests);
    }
}
