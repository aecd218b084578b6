using System.Text.Json.Nodes;

namespace Wijkwacht.OpenData;

/// <summary>
/// The DCAT-AP description of the two datasets (JSON-LD), so a portal such as the Brussels data portal can harvest
/// them: titles and descriptions in NL, FR and EN, licence, spatial coverage, update frequency and the download
/// addresses of each distribution.
/// </summary>
internal static class OpenDataCatalog
{
    public static string JsonLd(Uri publicUrl)
    {
        string At(string path) => new Uri(publicUrl, path).ToString();
        static JsonArray Texts(string nl, string fr, string en) =>
        [
            new JsonObject { ["@language"] = "nl", ["@value"] = nl },
            new JsonObject { ["@language"] = "fr", ["@value"] = fr },
            new JsonObject { ["@language"] = "en", ["@value"] = en },
        ];
        JsonObject Distribution(string path, string mediaType, string format) => new()
        {
            ["@id"] = At(path),
            ["@type"] = "dcat:Distribution",
            ["dcat:accessURL"] = new JsonObject { ["@id"] = At(path) },
            ["dcat:downloadURL"] = new JsonObject { ["@id"] = At(path) },
            ["dcat:mediaType"] = new JsonObject { ["@id"] = $"http://www.iana.org/assignments/media-types/{mediaType}" },
            ["dct:format"] = new JsonObject { ["@id"] = $"http://publications.europa.eu/resource/authority/file-type/{format}" },
            ["dct:license"] = new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/licence/CC0" },
        };
        JsonObject Common() => new()
        {
            ["dct:publisher"] = new JsonObject { ["@id"] = At("/"), ["@type"] = "foaf:Agent", ["foaf:name"] = "Wijkwacht" },
            ["dct:spatial"] = new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/atu/BEL_REG_BRU" },
            ["dct:accrualPeriodicity"] = new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/frequency/DAILY" },
            ["dcat:theme"] = new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/data-theme/SOCI" },
            ["dcat:contactPoint"] = new JsonObject { ["@type"] = "vcard:Organization", ["vcard:fn"] = "Wijkwacht", ["vcard:hasURL"] = new JsonObject { ["@id"] = At("/") } },
        };

        var counts = Common();
        counts["@id"] = At("/api/opendata/counts.csv#dataset");
        counts["@type"] = "dcat:Dataset";
        counts["dct:identifier"] = "wijkwacht-counts";
        counts["dct:title"] = Texts("Vaststellingen van overlast per dag, wijk en categorie", "Constats de nuisances par jour, quartier et catégorie", "Nuisance observations per day, neighbourhood and category");
        counts["dct:description"] = Texts(
            "Aantal vaststellingen, geopende en opgeloste dossiers per dag (Brusselse tijd), wijk en categorie. Parameters from en to (yyyy-MM-dd), hoogstens 366 dagen.",
            "Nombre de constats, de dossiers ouverts et résolus par jour (heure de Bruxelles), quartier et catégorie. Paramètres from et to (aaaa-mm-jj), 366 jours au plus.",
            "Observations, dossiers opened and resolved per day (Brussels time), neighbourhood and category. Parameters from and to (yyyy-MM-dd), at most 366 days.");
        counts["dcat:distribution"] = new JsonArray(Distribution("/api/opendata/counts.csv", "text/csv", "CSV"));

        var observations = Common();
        observations["@id"] = At("/api/opendata/observations.geojson#dataset");
        observations["@type"] = "dcat:Dataset";
        observations["dct:identifier"] = "wijkwacht-observations";
        observations["dct:title"] = Texts("Vaststellingen van overlast (plaats op ~100 m)", "Constats de nuisances (lieu à ~100 m)", "Nuisance observations (place to ~100 m)");
        observations["dct:description"] = Texts(
            "Elke vaststelling met dag, categorie, wijk en een plaats afgerond op een raster van ongeveer 100 m; zonder vrije tekst, GAS-gegevens of personen. Hoogstens 92 dagen per vraag.",
            "Chaque constat avec le jour, la catégorie, le quartier et un lieu arrondi à une grille d'environ 100 m ; sans texte libre, données SAC ni personnes. 92 jours au plus par requête.",
            "Every observation with its day, category, neighbourhood and a place rounded to a grid of about 100 m; no free text, GAS details or persons. At most 92 days per request.");
        observations["dcat:distribution"] = new JsonArray(
            Distribution("/api/opendata/observations.csv", "text/csv", "CSV"),
            Distribution("/api/opendata/observations.geojson", "application/geo+json", "GEOJSON"));

        var catalog = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["vcard"] = "http://www.w3.org/2006/vcard/ns#",
            },
            ["@id"] = At("/api/opendata/catalog.jsonld"),
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = Texts("Open data van Wijkwacht", "Données ouvertes de Wijkwacht", "Wijkwacht open data"),
            ["dct:description"] = Texts("Overlast in de wijken: vaststellingen en hun opvolging.", "Nuisances dans les quartiers : constats et leur suivi.", "Nuisance in the neighbourhoods: observations and their follow-up."),
            ["dct:publisher"] = new JsonObject { ["@id"] = At("/"), ["@type"] = "foaf:Agent", ["foaf:name"] = "Wijkwacht" },
            ["dct:language"] = new JsonArray(
                new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/language/NLD" },
                new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/language/FRA" },
                new JsonObject { ["@id"] = "http://publications.europa.eu/resource/authority/language/ENG" }),
            ["dcat:dataset"] = new JsonArray(counts, observations),
        };
        return catalog.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
