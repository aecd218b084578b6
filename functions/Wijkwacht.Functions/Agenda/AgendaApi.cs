using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Geography;
using Wijkwacht.Identity;
using Wijkwacht.Observations;
using Wijkwacht.Problems;

namespace Wijkwacht.Agenda;

internal sealed record AgendaEntry(NeighbourhoodReference? Neighbourhood, string DossierId, string Category, string PartnerId, string Deadline, DateTimeOffset EscalatedAt);

internal sealed record AgendaResponse(DateOnly Meeting, IReadOnlyList<AgendaEntry> Items);

/// <summary>Which meeting's agenda: a date (yyyy-MM-dd), or the next meeting when left out.</summary>
public sealed record AgendaQuery([property: RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Use a date as yyyy-MM-dd.")] string? Meeting);

internal static class AgendaApi
{
    public static void AddAgenda(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<NeighbourhoodTeamOptions>().BindConfiguration("NeighbourhoodTeam")
            .Validate(o => o.MeetingWeekOfMonth is -1 or (>= 1 and <= 4), "NeighbourhoodTeam:MeetingWeekOfMonth is 1 to 4, or -1 for the last week.")
            .ValidateOnStart();
        builder.Services.AddSingleton<NeighbourhoodTeamAgenda>();
    }

    public static void MapAgenda(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/agenda", GetAgenda).WithName(nameof(GetAgenda)).WithTags("Neighbourhood team").RequireAuthorization(Policies.FollowDossiers);
    }

    /// <summary>The escalated dossiers on a neighbourhood-team meeting's agenda, by neighbourhood.</summary>
    private static async Task<Results<Ok<AgendaResponse>, ValidationProblem>> GetAgenda(
        [AsParameters] AgendaQuery query, NeighbourhoodTeamAgenda agenda, Neighbourhoods neighbourhoods, TimeProvider time, CancellationToken cancellationToken)
    {
        DateOnly meeting;
        if (query.Meeting is null)
        {
            meeting = agenda.NextMeeting(time.GetUtcNow());
        }
        else if (!DateOnly.TryParseExact(query.Meeting, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out meeting))
        {
            return Problem.Invalid("meeting", ErrorCodes.Format, "Use a date as yyyy-MM-dd.");
        }

        var items = await agenda.ForMeetingAsync(meeting, cancellationToken);
        return TypedResults.Ok(new AgendaResponse(meeting, [.. items.Select(i => new AgendaEntry(
            i.NeighbourhoodId is { } id && neighbourhoods[id] is { } n ? new NeighbourhoodReference(n.Id, n.Names) : null,
            i.DossierId, i.Category, i.PartnerId, i.Deadline, i.EscalatedAt))]));
    }
}
