using Wijkwacht.Hosting;

namespace Wijkwacht.Tests.Hosting;

public sealed class LocalSettingsTests
{
    [Fact]
    public void TheValuesOfLocalSettingsBecomeConfigurationKeysAsUnderTheFunctionsHost()
    {
        var values = LocalSettingsFile.ReadValues(Path.Combine(Repository.Root, "local.settings.sample.json"));

        Assert.Equal("StorageQueue", values["Messaging:Transport"]);
        Assert.Equal("00:05:00", values["FollowUp:ReminderDelay"]);
        Assert.StartsWith("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;", values["WijkwachtStorage"], StringComparison.Ordinal);
        Assert.DoesNotContain(values.Keys, key => key.Contains("__", StringComparison.Ordinal));
    }
}
