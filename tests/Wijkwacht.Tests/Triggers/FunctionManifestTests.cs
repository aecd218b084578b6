using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Wijkwacht.Triggers;

namespace Wijkwacht.Tests.Triggers;

public sealed class FunctionManifestTests
{
    private static readonly string AppRoot = Path.Combine(Repository.Root, "functions");

    [Fact]
    public void AServiceBusTriggerFunctionIsReadWithItsBindingSettings()
    {
        var function = FunctionManifest.Parse("ForwardDossier", """
            { "bindings": [ { "name": "message", "type": "serviceBusTrigger", "direction": "in",
                              "queueName": "%ForwardingQueue%", "connection": "ServiceBusConnection",
                              "autoCompleteMessages": true } ] }
            """);

        Assert.Equal("ForwardDossier", function.Name);
        Assert.False(function.IsHttp);
        Assert.Equal("message", function.Trigger.Name);
        Assert.Equal("serviceBusTrigger", function.Trigger.Type);
        Assert.Equal("%ForwardingQueue%", function.Trigger.Setting("queueName"));
        Assert.Equal("ServiceBusConnection", function.Trigger.Setting("connection"));
        Assert.Null(function.Trigger.Setting("sessionId"));
    }

    [Fact]
    public void ASettingNamedBetweenPercentSignsIsReplacedByItsValue()
    {
        var configuration = Configuration(("ForwardingQueue", "dossier-forwarding"), ("FollowUp:Queue", "follow-up"));

        Assert.Equal("dossier-forwarding", FunctionManifest.Resolve("%ForwardingQueue%", configuration));
        Assert.Equal("follow-up", FunctionManifest.Resolve("%FollowUp__Queue%", configuration));
        Assert.Equal("plain-name", FunctionManifest.Resolve("plain-name", configuration));
    }

    [Fact]
    public void AMissingSettingIsRefusedByName()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionManifest.Resolve("%ForwardingQueue%", Configuration()));

        Assert.Contains("ForwardingQueue", error.Message);
    }

    [Fact]
    public void TheAppHasOneAnonymousCatchAllHttpFunction()
    {
        var http = Assert.Single(FunctionManifest.Load(AppRoot), f => f.IsHttp);

        Assert.Equal("Api", http.Name);
        Assert.Equal("{*path}", http.Trigger.Setting("route"));
        Assert.Equal("anonymous", http.Trigger.Setting("authLevel"));
        Assert.Contains(http.Bindings, b => b.Type == "http" && b.Direction == "out");
    }

    [Fact]
    public void HostJsonForwardsHttpRequestsUnderApiWithAnExtensionBundle()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(AppRoot, "host.json")))!;

        Assert.Equal("2.0", host["version"]?.GetValue<string>());
        Assert.True(host["customHandler"]?["enableForwardingHttpRequest"]?.GetValue<bool>());
        Assert.Equal("api", host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(host["extensionBundle"]?["id"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(host["extensionBundle"]?["version"]?.GetValue<string>()));
    }

    [Fact]
    public void EverySettingAFunctionNamesIsInTheSampleSettings()
    {
        var named = FunctionManifest.Load(AppRoot)
            .SelectMany(f => f.Bindings)
            .SelectMany(b => b.Raw.Select(p => p.Value))
            .Where(v => v?.GetValueKind() == JsonValueKind.String)
            .SelectMany(v => Regex.Matches(v!.GetValue<string>(), "%([^%]+)%").Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.NotEmpty(named);
        Assert.Empty(named.Except(SampleSettingNames()));
    }

    [Fact]
    public void EveryConnectionAFunctionNamesIsInTheSampleSettings()
    {
        var connections = FunctionManifest.Load(AppRoot)
            .SelectMany(f => f.Bindings)
            .Select(b => b.Setting("connection"))
            .OfType<string>()
            .ToHashSet();

        Assert.NotEmpty(connections);
        Assert.Empty(connections.Except(SampleSettingNames()));
    }

    private static HashSet<string> SampleSettingNames()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "local.settings.sample.json")))!;
        return [.. sample["Values"]!.AsObject().Select(v => v.Key)];
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
}
