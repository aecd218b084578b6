using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Wijkwacht.Mail;

namespace Wijkwacht.Dev;

internal sealed record OutboxEntry(string Id, string Subject, string To, DateTimeOffset SentAt, string Url);

internal sealed record OutboxList(IReadOnlyList<OutboxEntry> Items);

/// <summary>Development-only endpoints. Outside Development they are not mapped at all, so they answer 404.</summary>
internal static partial class DevApi
{
    private const int MaxListed = 200;

    public static void MapDev(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        var group = app.MapGroup("/api/dev").WithTags("Development");
        group.MapDevSignIn();
        group.MapGet("/outbox", ListOutbox).WithName(nameof(ListOutbox));
        group.MapGet("/outbox/{id}", GetOutboxMessage).WithName(nameof(GetOutboxMessage));
    }

    private static async Task<Ok<OutboxList>> ListOutbox(Outbox outbox, CancellationToken cancellationToken)
    {
        var items = await outbox.ListAsync(MaxListed, cancellationToken);
        return TypedResults.Ok(new OutboxList([.. items.Select(i => new OutboxEntry(i.Id, i.Subject, i.To, i.SentAt, $"/api/dev/outbox/{i.Id}"))]));
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> GetOutboxMessage(string id, Outbox outbox, CancellationToken cancellationToken)
    {
        // Mail ids are made by the app from dossier ids; anything else is not a name to look up.
        if (!MailId().IsMatch(id))
        {
            return TypedResults.NotFound();
        }

        var content = await outbox.ReadAsync(id, cancellationToken);
        return content is null
            ? TypedResults.NotFound()
            : TypedResults.File(content.ToArray(), "message/rfc822", $"{id}.eml");
    }

    [GeneratedRegex("^[a-z0-9-]{1,120}$")]
    private static partial Regex MailId();
}
