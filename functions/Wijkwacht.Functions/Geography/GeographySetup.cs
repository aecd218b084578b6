namespace Wijkwacht.Geography;

internal static class GeographySetup
{
    public static void AddGeography(this WebApplicationBuilder builder) =>
        builder.Services.AddSingleton(_ => Neighbourhoods.Load(Path.Combine(AppContext.BaseDirectory, "Data", "neighbourhoods.geojson")));
}
