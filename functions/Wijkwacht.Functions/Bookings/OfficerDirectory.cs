using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wijkwacht.Bookings;

/// <summary>A stretch of a day on the Brussels wall clock, "09:00"–"12:00".</summary>
internal sealed record TimeRange(string From, string To)
{
    public TimeOnly Start => TimeOnly.ParseExact(From, "HH:mm", CultureInfo.InvariantCulture);

    public TimeOnly End => TimeOnly.ParseExact(To, "HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Days off, both ends included.</summary>
internal sealed record Absence(DateOnly From, DateOnly To)
{
    public bool Covers(DateOnly day) => day >= From && day <= To;
}

/// <summary>A neighbourhood office: where office visits take place, open on its opening hours.</summary>
internal sealed record Office(string Id, string Name, string Address, Dictionary<DayOfWeek, IReadOnlyList<TimeRange>> OpeningHours, IReadOnlyList<DateOnly> ClosingDays);

/// <summary>
/// A neighbourhood officer. <paramref name="Account"/> is who they sign in as (the principal's userId or
/// userDetails, their user principal name in Entra ID); <paramref name="Mailbox"/> holds their Outlook calendar.
/// </summary>
internal sealed record Officer(
    string Id,
    string Name,
    string Account,
    string Mailbox,
    string OfficeId,
    IReadOnlyList<string> Neighbourhoods,
    IReadOnlyList<string> Languages,
    Dictionary<DayOfWeek, IReadOnlyList<TimeRange>> WorkingHours,
    IReadOnlyList<Absence> Absences);

/// <summary>The police zone's neighbourhood officers and offices, from Data/officers.json.</summary>
internal sealed class OfficerDirectory
{
    private readonly Dictionary<string, Officer> _officers;
    private readonly Dictionary<string, Office> _offices;

    public OfficerDirectory(IReadOnlyList<Officer> officers, IReadOnlyList<Office> offices)
    {
        _officers = officers.ToDictionary(o => o.Id);
        _offices = offices.ToDictionary(o => o.Id);
        if (officers.FirstOrDefault(o => !_offices.ContainsKey(o.OfficeId)) is { } homeless)
        {
            throw new InvalidDataException($"Officer {homeless.Id} works from office {homeless.OfficeId}, which is not in the directory.");
        }
    }

    public IReadOnlyCollection<Officer> All => _officers.Values;

    public Officer? Find(string id) => _officers.GetValueOrDefault(id);

    public Office OfficeOf(Officer officer) => _offices[officer.OfficeId];

    public IReadOnlyList<Officer> ForNeighbourhood(string neighbourhoodId) => [.. _officers.Values.Where(o => o.Neighbourhoods.Contains(neighbourhoodId))];

    /// <summary>The officer a signed-in user is: matched on the account, case-insensitively.</summary>
    public Officer? ForAccount(string? userId, string? userDetails) => _officers.Values.FirstOrDefault(o =>
        string.Equals(o.Account, userId, StringComparison.OrdinalIgnoreCase) || string.Equals(o.Account, userDetails, StringComparison.OrdinalIgnoreCase));

    public static OfficerDirectory Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize(stream, OfficerDirectoryJsonContext.Default.OfficerFile) ?? throw new InvalidDataException($"{path} is empty.");
        return new OfficerDirectory(file.Officers, file.Offices);
    }
}

internal sealed record OfficerFile(IReadOnlyList<Office> Offices, IReadOnlyList<Officer> Officers);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(OfficerFile))]
internal sealed partial class OfficerDirectoryJsonContext : JsonSerializerContext;
