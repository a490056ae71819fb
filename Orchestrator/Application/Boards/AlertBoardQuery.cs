using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.People;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Boards;

/// <summary>
/// One page of the risk board: the unresolved alerts of the caller's own team (<see cref="CareTeam.OwnEpisodeIds"/>), filtered, ordered
/// and cut in the database — overdue first, then by severity, then by due time — so a region's years of alerts are never loaded to show
/// twenty-five of them. <paramref name="Page"/> counts from 0; <paramref name="PageSize"/> is 1 to 200 rows.
/// </summary>
public sealed record AlertBoardQuery(string? Department = null, Guid? StructureId = null, DeviceType? Device = null, string? Type = null,
    int Page = 0, int PageSize = 25) : IRequest<AlertBoardPage>;

/// <summary>A page of the risk board, how many alerts the filters keep in all, and the structures the caller's alerts come from (to filter by).</summary>
public sealed record AlertBoardPage(IReadOnlyList<AlertView> Items, int Total, IReadOnlyList<BoardStructure> Structures);

/// <summary>A structure an alert of the board comes from: its id to filter by, its name and device label to show.</summary>
public sealed record BoardStructure(Guid Id, string Name, DeviceType Device, string DeviceLabel, string Department);

public sealed class AlertBoardQueryValidator : AbstractValidator<AlertBoardQuery>
{
    /// <summary>The most rows a page may lie after (one million: far more than any team's alerts).</summary>
    public const int MaxRowsSkipped = 1_000_000;

    public AlertBoardQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(0).OverridePropertyName("page").WithMessage("Les pages se comptent à partir de 0.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200).OverridePropertyName("pageSize").WithMessage("Une page compte de 1 à 200 lignes.");
        // The rows skipped must be countable: a page far past the end would otherwise wrap round to the first rows.
        RuleFor(q => q.Page).Must((q, page) => (long)page * q.PageSize <= MaxRowsSkipped).OverridePropertyName("page")
            .WithMessage($"Cette page est trop loin : au plus {MaxRowsSkipped:N0} lignes avant elle.");
    }
}

public sealed class AlertBoardQueryHandler(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, TimeProvider clock)
    : IRequestHandler<AlertBoardQuery, AlertBoardPage>
{
    public async Task<AlertBoardPage> Handle(AlertBoardQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var own = careTeam.OwnEpisodeIds(staff);
        var open = db.Alerts.AsNoTracking().Where(a => own.Contains(a.EpisodeId) && a.State != AlertState.Resolved);
        var query = open;
        if (request.StructureId is { } s) query = query.Where(a => a.StructureId == s);
        if (request.Type is { } t) query = query.Where(a => a.Type == t);
        if (request.Department is { } department) query = query.Where(a => db.Structures.Any(x => x.Id == a.StructureId && x.Department == department));
        if (request.Device is { } device) query = query.Where(a => db.Structures.Any(x => x.Id == a.StructureId && x.Type == device));
        var now = clock.GetUtcNow();
        var total = await query.CountAsync(cancellationToken);
        // The board's order (Alert.SeverityRank) written for the database.
        var page = await query
            .OrderBy(a => a.DueAt > now ? 1 : 0).ThenBy(a => a.Severity == "high" ? 0 : a.Severity == "medium" ? 1 : 2).ThenBy(a => a.DueAt).ThenBy(a => a.Id)
            .Skip(request.Page * request.PageSize).Take(request.PageSize).ToListAsync(cancellationToken);
        var structureIds = await open.Select(a => a.StructureId).Distinct().ToListAsync(cancellationToken);
        var structures = await db.Structures.AsNoTracking().Where(x => structureIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, cancellationToken);
        var personIds = page.Select(a => a.PersonId).Distinct().ToList();
        var pseudonyms = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Pseudonym, cancellationToken);
        return new AlertBoardPage(
            page.Select(a => Views.Alert(a, pseudonyms[a.PersonId], structures[a.StructureId], now)).ToList(),
            total,
            structures.Values.OrderBy(x => x.Name).Select(x => new BoardStructure(x.Id, x.Name, x.Type, x.Type.Label(), x.Department)).ToList());
    }
}
