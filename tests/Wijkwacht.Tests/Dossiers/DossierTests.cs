using Microsoft.AspNetCore.Http;
using Wijkwacht.Dossiers;
using Wijkwacht.Problems;

namespace Wijkwacht.Tests.Dossiers;

/// <summary>The dossier's own status rules, as a plain domain type: which moves are allowed, and that no other is.</summary>
public sealed class DossierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    // Written out here rather than read from the type, so a change to the rules has to change this table too.
    private static readonly Dictionary<DossierStatus, DossierStatus[]> Allowed = new()
    {
        [DossierStatus.New] = [DossierStatus.Forwarded],
        [DossierStatus.Forwarded] = [DossierStatus.Acknowledged, DossierStatus.Resolved, DossierStatus.Rejected, DossierStatus.Reassigned],
        [DossierStatus.Acknowledged] = [DossierStatus.InProgress, DossierStatus.Resolved, DossierStatus.Rejected, DossierStatus.Reassigned],
        [DossierStatus.InProgress] = [DossierStatus.Resolved, DossierStatus.Rejected, DossierStatus.Reassigned],
        [DossierStatus.Reassigned] = [DossierStatus.Forwarded],
        [DossierStatus.Resolved] = [DossierStatus.Reopened],
        [DossierStatus.Rejected] = [DossierStatus.Reopened],
        [DossierStatus.Reopened] = [DossierStatus.Forwarded],
        [DossierStatus.Merged] = [],
    };

    public static TheoryData<DossierStatus, DossierStatus> AllowedMoves =>
        [.. Allowed.SelectMany(a => a.Value.Select(to => (a.Key, to)))];

    public static TheoryData<DossierStatus, DossierStatus> IllegalMoves =>
        [.. Enum.GetValues<DossierStatus>().SelectMany(from => Enum.GetValues<DossierStatus>().Where(to => !Allowed[from].Contains(to)).Select(to => (from, to)))];

    [Fact]
    public void EveryStatusOffersExactlyItsAllowedNextStatuses()
    {
        foreach (var status in Enum.GetValues<DossierStatus>())
        {
            Assert.Equal(Allowed[status], DossierIn(status).NextStatuses);
        }
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void AnAllowedMoveChangesTheStatus(DossierStatus from, DossierStatus to)
    {
        var moved = DossierIn(from).MoveTo(to, Now, "Privéterrein");

        Assert.Equal(to, moved.Status);
        Assert.Equal(to is DossierStatus.Resolved or DossierStatus.Rejected ? Now : null, moved.ClosedAt);
        Assert.Equal(to == DossierStatus.Acknowledged ? Now : null, moved.AcknowledgedAt);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void AnIllegalMoveIsRefusedAndLeavesTheDossierAsItWas(DossierStatus from, DossierStatus to)
    {
        var dossier = DossierIn(from);

        var refused = Assert.Throws<DomainRuleException>(() => dossier.MoveTo(to, Now, "Privéterrein"));

        Assert.Equal("Illegal dossier transition.", refused.Title);
        Assert.Equal(StatusCodes.Status409Conflict, refused.StatusCode);
        Assert.Equal(from, dossier.Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void RejectingNeedsAReason(string? reason)
    {
        var refused = Assert.Throws<DomainRuleException>(() => DossierIn(DossierStatus.Forwarded).MoveTo(DossierStatus.Rejected, Now, reason));

        Assert.Equal(StatusCodes.Status422UnprocessableEntity, refused.StatusCode);
    }

    private static Dossier DossierIn(DossierStatus status) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Category = "illegal-dumping",
        PartnerId = "net-brussel",
        ObservationIds = [Guid.NewGuid()],
        CreatedAt = Now.AddDays(-1),
        Status = status,
    };
}
