using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Persistence;
using Orchestrator.Workflows.Runtime;

namespace Orchestrator.Application.Instances;

/// <summary>
/// Instances for the administrator, the <see cref="MaxRows"/> most recently active first: technical data only (ids, elements,
/// times), never a person's record. <paramref name="WithIncidentsOnly"/> filters in the database, so an old incident is found.
/// </summary>
public sealed record ListInstancesQuery(string? DefinitionKey = null, bool WithIncidentsOnly = false) : IRequest<IReadOnlyList<InstanceRow>>
{
    /// <summary>How many instances one list returns at most.</summary>
    public const int MaxRows = 200;
}

/// <summary>
/// One instance in the administrator's list: its definition's key, and its name when the diagram gives one (« Parcours LHSS »);
/// the version it runs; its status; when it was created and last stepped (UTC); how many of its incidents are unresolved.
/// </summary>
public sealed record InstanceRow(Guid Id, string DefinitionKey, int Version, string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int OpenIncidents,
    string? DefinitionName = null);

/// <summary>
/// An instance as the administrator inspects it (technical data only); an unknown instance is a <see cref="NotFoundException"/>.
/// </summary>
/// <param name="InstanceId">The workflow instance.</param>
public sealed record InspectInstanceQuery(Guid InstanceId) : IRequest<InstanceInspection>;

/// <summary>An instance with its diagram and where it stands, for the administrator's inspection screen.</summary>
/// <param name="Id">The instance's id.</param>
/// <param name="DefinitionKey">Its definition's key.</param>
/// <param name="Version">The definition version it runs.</param>
/// <param name="Status">An <see cref="InstanceStatus"/> name.</param>
/// <param name="Xml">The BPMN XML of that version, to draw the diagram.</param>
/// <param name="Completed">Ids of the elements completed at least once.</param>
/// <param name="Active">Ids of the elements a token is on now (listening event sub-process starts left out).</param>
/// <param name="OpenTasks">Element ids of the open user tasks.</param>
/// <param name="Failed">Element ids of the unresolved incidents.</param>
/// <param name="History">Every history line, oldest first.</param>
/// <param name="Incidents">Every incident, newest first.</param>
public sealed record InstanceInspection(Guid Id, string DefinitionKey, int Version, string Status, string Xml,
    IReadOnlyList<string> Completed, IReadOnlyList<string> Active, IReadOnlyList<string> OpenTasks, IReadOnlyList<string> Failed,
    IReadOnlyList<HistoryRow> History, IReadOnlyList<IncidentRow> Incidents);

/// <summary>
/// One line of an instance's history: the element's id and, when the diagram gives one, its name; the event
/// (<c>Entered</c>, <c>Completed</c>, <c>Cancelled</c>); the actor's account id and, when it is a member of staff, their name and function.
/// </summary>
public sealed record HistoryRow(DateTimeOffset At, string ElementId, string ElementType, string Event, string? Actor,
    string? ElementName = null, string? ActorName = null, StaffRole? ActorRole = null);

/// <summary>An incident of the instance.</summary>
/// <param name="Id">The incident's id.</param>
/// <param name="ElementId">The element the step failed at; null when not known.</param>
/// <param name="Message">The last failure's message.</param>
/// <param name="CreatedAt">When it was first recorded (UTC).</param>
/// <param name="Attempts">How many times the step has failed.</param>
/// <param name="ResolvedAt">When it was resolved (UTC); null while it stands.</param>
public sealed record IncidentRow(Guid Id, string? ElementId, string Message, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset? ResolvedAt);

/// <summary>Fires the failed timer of an incident again, once its cause (an expression, a missing definition…) is fixed.</summary>
public sealed record RetryIncidentCommand(Guid IncidentId) : ICommand<string>;

/// <summary>
/// The open incidents of pathways that could not start (a start timer's, a message's or a signal's first step failed, so no
/// instance carries them), oldest first, for the administrator: without this list they would be seen nowhere but in the logs.
/// </summary>
public sealed record ListStartFailuresQuery : IRequest<IReadOnlyList<IncidentRow>>;

/// <summary>Handles <see cref="ListStartFailuresQuery"/>, for the administrator only.</summary>
public sealed class ListStartFailuresHandler(IDbContextFactory<WorkflowDbContext> workflowDb, CurrentStaff current)
    : IRequestHandler<ListStartFailuresQuery, IReadOnlyList<IncidentRow>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<IncidentRow>> Handle(ListStartFailuresQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        await using var db = await workflowDb.CreateDbContextAsync(cancellationToken);
        return await db.Incidents.AsNoTracking().Where(i => i.InstanceId == Guid.Empty && i.ResolvedAt == null).OrderBy(i => i.CreatedAt)
            .Select(i => new IncidentRow(i.Id, i.ElementId, i.Message, i.CreatedAt, i.Attempts, i.ResolvedAt)).ToListAsync(cancellationToken);
    }
}

/// <summary>Handles <see cref="ListInstancesQuery"/>, <see cref="InspectInstanceQuery"/>, <see cref="RetryIncidentCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class InstanceHandlers(IDbContextFactory<WorkflowDbContext> workflowDb, WorkflowEngine engine, CurrentStaff current,
    Persistence.OrchestratorDbContext staffDb)
    : IRequestHandler<ListInstancesQuery, IReadOnlyList<InstanceRow>>, IRequestHandler<InspectInstanceQuery, InstanceInspection>,
      IRequestHandler<RetryIncidentCommand, string>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<InstanceRow>> Handle(ListInstancesQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        await using var db = await workflowDb.CreateDbContextAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null).GroupBy(i => i.InstanceId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
        var query = db.Instances.AsNoTracking().AsQueryable();
        if (request.DefinitionKey is { } key) query = query.Where(i => i.DefinitionKey == key);
        if (request.WithIncidentsOnly) { var ids = incidents.Keys.ToList(); query = query.Where(i => ids.Contains(i.Id)); }
        var rows = await query.OrderByDescending(i => i.UpdatedAt).Take(ListInstancesQuery.MaxRows).ToListAsync(cancellationToken);
        // The administrator reads pathways by their names, as the definitions screen shows them; the key stays beside it.
        var definitionIds = rows.Select(i => i.DefinitionId).Distinct().ToList();
        var names = await db.Definitions.AsNoTracking().Where(d => definitionIds.Contains(d.Id)).Select(d => new { d.Id, d.Name })
            .ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        return rows.Select(i => new InstanceRow(i.Id, i.DefinitionKey, i.DefinitionVersion, i.Status.ToString(), i.CreatedAt, i.UpdatedAt,
            incidents.GetValueOrDefault(i.Id), names.GetValueOrDefault(i.DefinitionId))).ToList();
    }

    /// <inheritdoc/>
    public async Task<InstanceInspection> Handle(InspectInstanceQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        await using var db = await workflowDb.CreateDbContextAsync(cancellationToken);
        var instance = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == request.InstanceId, cancellationToken)
            ?? throw new NotFoundException("Instance inconnue.");
        var xml = await db.Definitions.Where(d => d.Id == instance.DefinitionId).Select(d => d.Xml).FirstAsync(cancellationToken);
        var history = await db.History.AsNoTracking().Where(h => h.InstanceId == instance.Id).OrderBy(h => h.Id).ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.InstanceId == instance.Id).OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instance.Id && t.Status == HumanTaskStatus.Open).Select(t => t.ElementId).ToListAsync(cancellationToken);
        // A listening event sub-process start is not work in progress: it is shown only once it fires.
        var names = Workflows.Parsing.BpmnParser.ElementNames(xml);
        var actorIds = history.Select(h => Guid.TryParse(h.Actor, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var actors = await staffDb.Staff.AsNoTracking().Where(s => actorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        StaffMember? Actor(string? actor) => Guid.TryParse(actor, out var id) ? actors.GetValueOrDefault(id) : null;
        var tokens = InstanceState.Deserialize(instance.State).Tokens.Where(t => t.Status != TokenStatus.Listening).ToList();
        return new InstanceInspection(instance.Id, instance.DefinitionKey, instance.DefinitionVersion, instance.Status.ToString(), xml,
            history.Where(h => h.Event == HistoryEvent.Completed).Select(h => h.ElementId).Distinct().ToList(),
            tokens.Select(t => t.ElementId).Distinct().ToList(), tasks,
            incidents.Where(i => i.ResolvedAt == null && i.ElementId is not null).Select(i => i.ElementId!).ToList(),
            history.Select(h => new HistoryRow(h.At, h.ElementId, h.ElementType, h.Event.ToString(), h.Actor, names.GetValueOrDefault(h.ElementId),
                Actor(h.Actor)?.DisplayName, Actor(h.Actor)?.Role)).ToList(),
            incidents.Select(i => new IncidentRow(i.Id, i.ElementId, i.Message, i.CreatedAt, i.Attempts, i.ResolvedAt)).ToList());
    }

    /// <inheritdoc/>
    public async Task<string> Handle(RetryIncidentCommand request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.Administrator);
        return (await engine.RetryIncidentAsync(request.IncidentId, cancellationToken)).ToString();
    }
}
