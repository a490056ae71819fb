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

/// <summary>What <see cref="AlertBoardQuery"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class AlertBoardQueryValidator : AbstractValidator<AlertBoardQuery>
{
    /// <summary>The most rows a page may lie after (one million: far more than any team's alerts).</summary>
    public const int MaxRowsSkipped = 1_000_000;

    /// <summary>Declares the rules of <see cref="AlertBoardQuery"/>.</summary>
    public AlertBoardQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(0).OverridePropertyName("page").WithMessage("Les pages se comptent à partir de 0.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200).OverridePropertyName("pageSize").WithMessage("Une page compte de 1 à 200 lignes.");
        // The rows skipped must be countable: a page far past the end would otherwise wrap round to the first rows.
        RuleFor(q => q.Page).Must((q, page) => (long)page * q.PageSize <= MaxRowsSkipped).OverridePropertyName("page")
            .WithMessage($"Cette page est trop loin : au plus {MaxRowsSkipped:N0} lignes avant elle.");
    }
}

/// <summary>Handles <see cref="AlertBoardQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class AlertBoardQueryHandler(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, TimeProvider clock)
    : IRequestHandler<AlertBoardQuery, AlertBoardPage>
{
    /// <inheritdoc/>
    public async Task<AlertBoardPage> Handle(AlertBoardQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var own = careTeam.OwnEpisodeIds(staff);
        var open = db.Alerts.AsNoTracking().Where(a => own.Contains(a.EpisodeId) && a.State != AlertState.Resolved);
        var query = AlertFilters.Filter(db, open, request.Department, request.StructureId, request.Device, request.Type);
        var now = clock.GetUtcNow();
        var total = await query.CountAsync(cancellationToken);
        var page = await AlertFilters.InBoardOrder(query, now).ThenBy(a => a.Id)
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

/// <summary>
/// The risk board's filters and order, in one place for the whole list (<see cref="ListAlertsQuery"/>) and its pages
/// (<see cref="AlertBoardQuery"/>), both run by the database.
/// </summary>
internal static class AlertFilters
{
    /// <summary>Keeps the alerts of the structure, alert type, département and device asked for (each filter only when given).</summary>
    public static IQueryable<Alert> Filter(OrchestratorDbContext db, IQueryable<Alert> alerts, string? department, Guid? structureId, DeviceType? device, string? type)
    {
        if (structureId is { } s) alerts = alerts.Where(a => a.StructureId == s);
        if (type is { } t) alerts = alerts.Where(a => a.Type == t);
        if (department is { } d) alerts = alerts.Where(a => db.Structures.Any(x => x.Id == a.StructureId && x.Department == d));
        if (device is { } kind) alerts = alerts.Where(a => db.Structures.Any(x => x.Id == a.StructureId && x.Type == kind));
        return alerts;
    }

    /// <summary>Overdue first (due at or before <paramref name="now"/>), then by severity (<see cref="Alert.SeverityRank"/>, written for the database), then by due time.</summary>
    public static IOrderedQueryable<Alert> InBoardOrder(IQueryable<Alert> alerts, DateTimeOffset now) =>
        alerts.OrderBy(a => a.DueAt > now ? 1 : 0).ThenBy(a => a.Severity == "high" ? 0 : a.Severity == "medium" ? 1 : 2).ThenBy(a => a.DueAt);
}
