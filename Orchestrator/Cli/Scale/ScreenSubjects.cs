using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Boards;
using Orchestrator.Application.Indicators;
using Orchestrator.Application.People;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Cli.Scale;

/// <summary>
/// Who opens the screens that are timed, chosen in the region's database where the lists are longest: the coordinator of the
/// structure with the most active episodes, the referent who follows the most people, the regional viewer, the person followed
/// there now with the most episodes and the most frequent alert type.
/// </summary>
internal sealed record ScreenSubjects(Structure Structure, StaffMember Coordinator, StaffMember Referent, StaffMember Viewer, Guid Person, string? AlertType)
{
    public static async Task<ScreenSubjects> FindAsync(OrchestratorDbContext db, CancellationToken ct)
    {
        // Among the structures with a coordinator: one that only accompanies the people it accepted (a CHRS) has none, and in a
        // small region it may follow the most people. Ties go to the lowest id, so that two runs on one database time the same screens.
        var busiest = await db.Episodes.AsNoTracking()
            .Where(e => e.Status == EpisodeStatus.Active && db.Staff.Any(s => s.StructureId == e.StructureId && s.Role == StaffRole.Coordinator))
            .GroupBy(e => e.StructureId).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync(ct);
        var referentId = await db.Episodes.AsNoTracking().Where(e => e.Status == EpisodeStatus.Active && e.ReferentId != null)
            .GroupBy(e => e.ReferentId).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync(ct);
        return new ScreenSubjects(
            await db.Structures.AsNoTracking().SingleAsync(s => s.Id == busiest, ct),
            await db.Staff.AsNoTracking().FirstAsync(s => s.StructureId == busiest && s.Role == StaffRole.Coordinator, ct),
            await db.Staff.AsNoTracking().SingleAsync(s => s.Id == referentId, ct),
            await db.Staff.AsNoTracking().FirstAsync(s => s.Role == StaffRole.RegionalViewer, ct),
            // Among the people the structure follows now (its coordinator may read them), the one with the longest pathway.
            await db.Episodes.AsNoTracking()
                .Where(e => db.Episodes.Any(a => a.PersonId == e.PersonId && a.StructureId == busiest && a.Status == EpisodeStatus.Active))
                .GroupBy(e => e.PersonId).Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Select(g => g.Key).FirstAsync(ct),
            await db.Alerts.AsNoTracking().GroupBy(a => a.Type).Select(g => new { g.Key, Count = g.Count() })
                .OrderByDescending(g => g.Count).Select(g => g.Key).FirstOrDefaultAsync(ct));
    }

    private static Func<MediatR.IMediator, CancellationToken, Task<object?>> Send<T>(MediatR.IRequest<T> query) =>
        async (mediator, ct) => await mediator.Send(query, ct);

    /// <summary>
    /// Each screen timed: its name, who opens it, the query behind it and its API route (null when the screen has none:
    /// « Cette semaine » is drawn in the page from « Mes tâches » and the risk board).
    /// </summary>
    public IReadOnlyList<Screen> Screens(int year) =>
    [
        // The dashboard's « Tous les épisodes » tab reads its first page of 25, soonest deadline first (ListEpisodesQuery).
        new("dashboard (Tous les épisodes)", Coordinator, Send(new ListEpisodesQuery()), "/api/episodes"),
        // The risk board screen reads its first page of 25, filtered in the database (AlertBoardQuery).
        new("risk board", Coordinator, Send(new AlertBoardQuery()), "/api/alerts/board"),
        new("risk board, département", Coordinator, Send(new AlertBoardQuery(Department: Structure.Department)), $"/api/alerts/board?department={Structure.Department}"),
        new("risk board, structure", Coordinator, Send(new AlertBoardQuery(StructureId: Structure.Id)), $"/api/alerts/board?structureId={Structure.Id}"),
        new("risk board, device", Coordinator, Send(new AlertBoardQuery(Device: Structure.Type)), $"/api/alerts/board?device={Structure.Type}"),
        new("risk board, alert type", Coordinator, Send(new AlertBoardQuery(Type: AlertType)), $"/api/alerts/board?type={Uri.EscapeDataString(AlertType ?? "")}"),
        new("risk board, page 4 of 100 rows", Coordinator, Send(new AlertBoardQuery(Page: 3, PageSize: 100)), "/api/alerts/board?page=3&pageSize=100"),
        new("alert list with resolved (API)", Coordinator, Send(new ListAlertsQuery(IncludeResolved: true)), "/api/alerts?includeResolved=true"),
        new("Cette semaine (referent)", Referent, Send(new ThisWeekQuery()), null),
        new("Mes tâches (referent)", Referent, Send(new ListMyTasksQuery()), "/api/tasks/mine"),
        new("Mes tâches (coordinator)", Coordinator, Send(new ListMyTasksQuery()), "/api/tasks/mine"),
        new("person page", Coordinator, Send(new GetPersonRecordQuery(Person)), $"/api/people/{Person}"),
        new("occupancy (regional viewer)", Viewer, Send(new OccupancyQuery()), "/api/structures/occupancy"),
        new("indicators (regional viewer)", Viewer, Send(new RegionalIndicatorsQuery(year)), $"/api/indicators?year={year}"),
    ];
}

/// <summary>A screen timed by <c>scale</c>: its name, who opens it, how its query is sent (it returns the rows) and its API route, if any.</summary>
internal sealed record Screen(string Name, StaffMember Who, Func<MediatR.IMediator, CancellationToken, Task<object?>> Query, string? Route);
