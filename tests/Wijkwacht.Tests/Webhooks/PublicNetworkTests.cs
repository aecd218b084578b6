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
    [InlineData("168.63.129.16", false)] // Azure's platform endpoint
    [InlineData("64:ff9b::a9fe:a9fe", false)] // NAT64 of 169.254.169.254
    [InlineData("64:ff9b:1::a00:1", false)] // local-use NAT64
    [InlineData("2002:a9fe:a9fe::1", false)] // 6to4
    [InlineData("2001:0:a9fe:a9fe::1", false)] // Teredo
    [InlineData("::a9fe:a9fe", false)] // IPv4-compatible
    [InlineData("::", false)]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("2001:4860:4860::8888", true)]
    public void OnlyPublicAddressesAreReachable(string address, bool reachable) =>
        Assert.Equal(reachable, Wijkwacht.Network.PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task AWebhookOnTheLoopbackIsRefusedBeforeAnythingIsSent()
    {
        await using var listener = await RecordingListener.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { ConnectCallback = PublicNetwork.ConnectAsync });

        var refusal = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(listener.BaseAddress, new StringContent("{}")));

        Assert.Contains("does not resolve to a public address", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Requests);
        Assert.Equal("The webhook's host is not a public internet address.", PublicNetwork.Describe(refusal));
    }

    [Fact]
    public void WhatACoordinatorIsToldOfAFailedConnectionNamesNoInternalAddress()
    {
        var refused = new HttpRequestException("Connection refused (10.20.30.40:8443)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var told = PublicNetwork.Describe(refused);

        Assert.Equal("The webhook could not be reached.", told);
        Assert.DoesNotContain("10.20", told, StringComparison.Ordinal);
    }
}
