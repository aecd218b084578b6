using Wijkwacht.Bookings;
using Wijkwacht.Geography;

namespace Wijkwacht.Tests.Bookings;

/// <summary>The shipped directory data hangs together: every street is in a neighbourhood, every neighbourhood has an officer.</summary>
public sealed class OfficerDirectoryTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Data");
    private static readonly Neighbourhoods Neighbourhoods = Neighbourhoods.Load(Path.Combine(Data, "neighbourhoods.geojson"));
    private static readonly OfficerDirectory Officers = OfficerDirectory.Load(Path.Combine(Data, "officers.json"));

    [Fact]
    public void EveryNeighbourhoodHasAnOfficerAndEveryOfficerANeighbourhoodThatExists()
    {
        Assert.All(Neighbourhoods.All, n => Assert.NotEmpty(Officers.ForNeighbourhood(n.Id)));
        Assert.All(Officers.All, o => Assert.All(o.Neighbourhoods, id => Assert.NotNull(Neighbourhoods[id])));
        Assert.All(Officers.All, o => Assert.NotEmpty(o.WorkingHours));
    }

    [Fact]
    public void EveryStreetOfTheDirectoryLiesInTheMunicipality()
    {
        var file = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Data, "streets.json")), StreetDirectoryJsonContext.Default.StreetFile)!;
        var streets = new StreetDirectory(file.Streets);

        Assert.All(file.Streets, s => Assert.NotNull(Neighbourhoods.Find(s.Latitude, s.Longitude)));
        Assert.All(file.Streets.SelectMany(s => s.Names), name => Assert.Same(file.Streets.Single(s => s.Names.Contains(name)), streets.Find($"{name} 1")?.Street));
    }
}
