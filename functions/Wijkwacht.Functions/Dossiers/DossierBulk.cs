using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Wijkwacht.Audit;
using Wijkwacht.Problems;

namespace Wijkwacht.Dossiers;

public enum BulkAction
{
    Close,
    Reassign,
    Note,
}

/// <summary>
/// One action on a selection of dossiers. <c>RequestId</c> is the client's id for the whole request: a retry
/// with the same id adds each note once (closing and reassigning are repeatable by their nature).
/// </summary>
public sealed record BulkRequest(
    [property: Required] BulkAction? Action,
    [property: Required, MinLength(1), MaxLength(DossierBulk.MaxDossiers)] IReadOnlyList<Guid>? DossierIds,
    [property: Required] Guid? RequestId,
    [property: StringLength(50), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Use a partner id.")] string? PartnerId = null,
    [property: StringLength(1000)] string? Reason = null,
    [property: StringLength(2000)] string? Text = null);

/// <summary>What happened to one dossier of a bulk action: done, not-found, refused (with why), changed-meanwhile.</summary>
internal sealed record BulkResult(string Id, string Outcome, DossierStatus? Status = null, string? Problem = null);

internal sealed record BulkResponse(IReadOnlyList<BulkResult> Results);

/// <summary>
/// Close, reassign or note a selection of dossiers, each on its own: one that cannot (closed already, gone) is
/// reported and the others go on. No If-Match: the selection was made from a list, and each change is checked
/// against the dossier's own rules when it is made.
/// </summary>
internal sealed class DossierBulk(DossierTransitions transitions, DossierReassignment reassignment, DossierStore dossiers, AuditTrail audit, TimeProvider time)
{
    public const int MaxDossiers = 100;

    public async Task<BulkResponse> RunAsync(BulkRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        var results = new List<BulkResult>();
        foreach (var id in request.DossierIds!.Distinct())
        {
            try
            {
                results.Add(await RunOneAsync(request, id.ToString(), actor, cancellationToken));
            }
            catch (DomainRuleException rule)
            {
                results.Add(new BulkResult(id.ToString(), "refused", Problem: rule.Title));
            }
        }

        return new BulkResponse(results);
    }

    private async Task<BulkResult> RunOneAsync(BulkRequest request, string id, AuditActor actor, CancellationToken cancellationToken)
    {
        if (request.Action == BulkAction.Note)
        {
            if (await dossiers.GetAsync(id, cancellationToken) is not { } stored)
            {
                return new BulkResult(id, "not-found");
            }

            var noteId = NoteId(request.RequestId!.Value, id);
            if (await dossiers.AddEventOnceAsync(id, DossierEvent.InternalNote(noteId, actor.Id, request.Text!.Trim(), time.GetUtcNow()), cancellationToken))
            {
                await audit.RecordAsync(AuditEntity.Dossier, id, "note-added", actor, new { noteId, bulk = request.RequestId }, cancellationToken);
            }

            return new BulkResult(id, "done", stored.Dossier.Status);
        }

        if (request.Action == BulkAction.Close && (await dossiers.GetAsync(id, cancellationToken))?.Dossier.Status == DossierStatus.Resolved)
        {
            return new BulkResult(id, "done", DossierStatus.Resolved); // closed already, by this request's first try or otherwise
        }

        var (outcome, dossier) = request.Action == BulkAction.Reassign
            ? await reassignment.ReassignAsync(id, request.PartnerId!, request.Reason, actor, expectedETag: null, cancellationToken)
            : await transitions.MoveAsync(id, DossierStatus.Resolved, request.Reason, actor, expectedETag: null, cancellationToken);
        return outcome switch
        {
            TransitionOutcome.Done => new BulkResult(id, "done", dossier?.Dossier.Status),
            TransitionOutcome.NotFound => new BulkResult(id, "not-found"),
            _ => new BulkResult(id, "changed-meanwhile"),
        };
    }

    /// <summary>The note a bulk request adds to one dossier: the same for a retry of that request.</summary>
    public static Guid NoteId(Guid requestId, string dossierId) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{requestId}/{dossierId}")).AsSpan(0, 16));
}
