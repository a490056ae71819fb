using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Security;
using Orchestrator.Application.Tasks;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.People;

/// <summary>
/// A person's record as the caller may read it (<see cref="PersonRecord"/>), the read audited. A reader neither in the care team nor
/// holding a valid consent gets <see cref="AccessDeniedException"/>; an unknown person is a <see cref="NotFoundException"/>.
/// </summary>
/// <param name="PersonId">The person.</param>
public sealed record GetPersonRecordQuery(Guid PersonId) : IRequest<PersonRecord>;

/// <summary>
/// A person's civil identity, for the care team only; each read is audited, and so is each refusal (<see cref="AccessDeniedException"/>).
/// A person without a recorded identity reads as every field null.
/// </summary>
/// <param name="PersonId">The person.</param>
public sealed record GetPersonIdentityQuery(Guid PersonId) : IRequest<PersonIdentityView>;

/// <summary>
/// A person's record as the caller may read it. <see cref="InCareTeam"/> is false for a structure reading through a consent:
/// it then gets no open tasks (they are the other team's) and only the notes its consent's categories share.
/// <see cref="Rights"/> gives the person's information and objection states (CSP L1110-4 IV). <see cref="Recourses"/> counts the
/// recourses to outside care recorded for them; <see cref="MayAct"/> says whether the reader may act on them (record one, a note…).
/// </summary>
public sealed record PersonRecord(Guid Id, string Pseudonym, int? BirthYear, string? Sex, IReadOnlyList<EpisodeView> Episodes,
    IReadOnlyList<AlertView> Alerts, IReadOnlyList<HandoffView> Handoffs, IReadOnlyList<NoteView> Notes, IReadOnlyList<TaskView> OpenTasks,
    IReadOnlyList<ConsentView> Consents, SharingRightsView Rights, bool InCareTeam, IReadOnlyList<RecourseCount> Recourses, bool MayAct)
{
    /// <summary>
    /// The deadlines the person's active pathways keep without a task for them yet (a named timer: « Fin de période proche »,
    /// « Fin de séjour prévue »), soonest first; for the care team only, as the open tasks.
    /// </summary>
    public IReadOnlyList<PathwayDeadline> PathwayDeadlines { get; init; } = [];
}

/// <summary>A deadline a pathway keeps: the episode, the timer's name as drawn, and when it falls due (UTC).</summary>
public sealed record PathwayDeadline(Guid EpisodeId, string Name, DateTimeOffset DueAt);

/// <summary>How many recourses to outside care of one kind the person's episodes hold, and the last one (UTC).</summary>
public sealed record RecourseCount(Domain.Reports.CareRecourseKind Kind, string Label, int Count, DateTimeOffset? Last);

/// <summary>
/// A consent to share: its recipient, purpose, categories (<c>social</c>, <c>medical</c>), dates (UTC) and state
/// (<c>active</c>, <c>expired</c>, <c>revoked</c>).
/// </summary>
public sealed record ConsentView(Guid Id, string Recipient, string Purpose, IReadOnlyList<string> Categories, DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, string State);

/// <summary>
/// The person's rights over the sharing of their data: when (UTC) they were informed of it at admission (the
/// <c>dataSharingInformation</c> task of their pathway; null while not recorded), and since when they object to sharing
/// outside the care team (null: no objection).
/// </summary>
public sealed record SharingRightsView(DateTimeOffset? InformedAt, DateTimeOffset? ObjectedAt);

/// <summary>An episode of the person's record.</summary>
/// <param name="Id">The episode's id.</param>
/// <param name="Structure">The structure's name.</param>
/// <param name="Device">The structure's kind, as a French label.</param>
/// <param name="Stage">An <see cref="Domain.Pathways.EpisodeStage"/> name.</param>
/// <param name="Status">An <see cref="Domain.Pathways.EpisodeStatus"/> name.</param>
/// <param name="Referent">The referent's name; null while none is named.</param>
/// <param name="RequestedAt">When the person was referred (UTC).</param>
/// <param name="AdmittedAt">When the stay began (UTC); null before admission.</param>
/// <param name="ClosedAt">When the episode ended (UTC); null while active.</param>
/// <param name="Milestones">Its milestones, oldest first.</param>
public sealed record EpisodeView(Guid Id, string Structure, string Device, string Stage, string Status, string? Referent,
    DateTimeOffset RequestedAt, DateTimeOffset? AdmittedAt, DateTimeOffset? ClosedAt, IReadOnlyList<MilestoneView> Milestones);

/// <summary>A dated milestone of an episode.</summary>
/// <param name="Code">The milestone's code (<c>admission</c>, <c>exit</c>…).</param>
/// <param name="Label">Its French label.</param>
/// <param name="At">When it was reached (UTC).</param>
public sealed record MilestoneView(string Code, string Label, DateTimeOffset At);

/// <summary>An alert as boards and the person's record show it.</summary>
/// <param name="Id">The alert's id.</param>
/// <param name="EpisodeId">The episode it concerns.</param>
/// <param name="PersonId">The person it concerns.</param>
/// <param name="Pseudonym">The person's pseudonym.</param>
/// <param name="Structure">The structure's name.</param>
/// <param name="Device">The structure's kind, as a French label.</param>
/// <param name="Department">The structure's département code.</param>
/// <param name="Type">The alert type code.</param>
/// <param name="Severity"><c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="Message">What the alert says; null when the type says enough.</param>
/// <param name="State">An <see cref="Domain.Alerts.AlertState"/> name.</param>
/// <param name="RaisedAt">When it was raised (UTC).</param>
/// <param name="DueAt">When someone must have acted (UTC).</param>
/// <param name="Overdue">Not resolved and past <paramref name="DueAt"/> when read.</param>
public sealed record AlertView(Guid Id, Guid EpisodeId, Guid PersonId, string Pseudonym, string Structure, string Device, string Department,
    string Type, string Severity, string? Message, string State, DateTimeOffset RaisedAt, DateTimeOffset DueAt, bool Overdue);

/// <summary>A proposal to a downstream structure.</summary>
/// <param name="Id">The handoff's id.</param>
/// <param name="EpisodeId">The sending episode.</param>
/// <param name="TargetType">The destination as the definition names it (ACT, CHRS, pension-de-famille…).</param>
/// <param name="TargetStructure">The structure proposed or that answered; null while any of the type may answer (or where not shown).</param>
/// <param name="State">A <see cref="Domain.Handoffs.HandoffState"/> name.</param>
/// <param name="ProposedAt">When the person was proposed (UTC).</param>
/// <param name="AnswerDueAt">When the answer is due (UTC); null for none.</param>
/// <param name="RefusalReason">Why it was refused; null unless refused (or where not shown).</param>
public sealed record HandoffView(Guid Id, Guid EpisodeId, string TargetType, string? TargetStructure, string State,
    DateTimeOffset ProposedAt, DateTimeOffset? AnswerDueAt, string? RefusalReason)
{
    /// <summary>The structure that orients the person (shown to the receiving team).</summary>
    public string? From { get; init; }
    /// <summary>Why the person is oriented.</summary>
    public string? Reason { get; init; }
    /// <summary>When the person is expected (UTC).</summary>
    public DateTimeOffset? ExpectedAt { get; init; }
    /// <summary>The summary shared with the person's agreement; null when none was or the person did not agree.</summary>
    public string? SharedSummary { get; init; }
    /// <summary>Birth year and sex of the person, for the receiving team to decide without the record.</summary>
    public string? Person { get; init; }
}

/// <summary>A care note, signed: when (UTC), whether medical, its text, and its author's name and function (null for an account since removed).</summary>
public sealed record NoteView(DateTimeOffset At, bool Medical, string Text, string? Author = null, Domain.Staff.StaffRole? AuthorRole = null);

/// <summary>
/// An open human task as the caller sees it: <see cref="Right"/> says whether they may complete it or only supervise it
/// (<see cref="Security.DecisionRights"/>); <see cref="ReservedLabel"/> then names the function it is reserved to (« réservé au médecin »).
/// </summary>
public sealed record TaskView(Guid Id, Guid EpisodeId, Guid PersonId, string Pseudonym, string Name, string? Role, string DefinitionKey,
    string ElementId, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Overdue, IReadOnlyList<Workflows.Model.FormField> Fields,
    Security.TaskRight Right, string? ReservedLabel)
{
    /// <summary>Whether the caller may complete the task.</summary>
    public bool CanComplete => Right == Security.TaskRight.Complete;
}

/// <summary>A person's civil identity; every field but the id may be null (unknown).</summary>
/// <param name="PersonId">The person.</param>
/// <param name="LastName">Birth name.</param>
/// <param name="FirstName">First name.</param>
/// <param name="UsedName">The name the person goes by.</param>
/// <param name="BirthDate">Date of birth (calendar date).</param>
/// <param name="Phone">Phone number.</param>
public sealed record PersonIdentityView(Guid PersonId, string? LastName, string? FirstName, string? UsedName, DateOnly? BirthDate, string? Phone);

/// <summary>Handles <see cref="GetPersonRecordQuery"/>, <see cref="GetPersonIdentityQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class PersonQueryHandlers(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, CurrentStaff current,
    CareTeam careTeam, AuditTrail audit, TimeProvider clock, Workflows.Engine.WorkflowEngine engine)
    : IRequestHandler<GetPersonRecordQuery, PersonRecord>, IRequestHandler<GetPersonIdentityQuery, PersonIdentityView>
{
    /// <inheritdoc/>
    public async Task<PersonRecord> Handle(GetPersonRecordQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        await careTeam.EnsureCanReadAuditedAsync(audit, staff, request.PersonId, cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == request.PersonId, cancellationToken)
            ?? throw new NotFoundException("Personne inconnue.");
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.PersonId == person.Id).OrderBy(e => e.RequestedAt).ToListAsync(cancellationToken);
        var ids = episodes.Select(e => e.Id).ToList();
        var structures = await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Id, cancellationToken);
        var staffNames = await db.Staff.AsNoTracking().Where(s => episodes.Select(e => e.ReferentId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
        var milestones = await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.EpisodeId)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var alerts = (await db.Alerts.AsNoTracking().Where(a => a.PersonId == person.Id).ToListAsync(cancellationToken))
            .OrderByDescending(a => a.RaisedAt)
            .Select(a => Views.Alert(a, person.Pseudonym, structures[a.StructureId], now)).ToList();
        var handoffs = (await db.Handoffs.AsNoTracking().Where(h => h.PersonId == person.Id).ToListAsync(cancellationToken))
            .OrderBy(h => h.ProposedAt)
            .Select(h => new HandoffView(h.Id, h.EpisodeId, h.TargetType, h.TargetStructureId is { } t ? structures[t].Name : null, h.State.ToString(),
                h.ProposedAt, h.AnswerDueAt, h.RefusalReason)).ToList();
        // Notes as the care team and the consents allow (strictly necessary information; medical notes to care staff only).
        var scope = await careTeam.NoteScopeAsync(staff, person.Id, cancellationToken) ?? new NoteScope(false, false, false, null);
        var inCareTeam = await careTeam.IsInCareTeamAsync(staff, person.Id, cancellationToken);
        var structureOfEpisode = episodes.ToDictionary(e => e.Id, e => e.StructureId);
        var readable = (await db.CareNotes.AsNoTracking().Where(n => n.PersonId == person.Id).ToListAsync(cancellationToken))
            .Where(n => scope.Allows(n.Medical, structureOfEpisode.GetValueOrDefault(n.EpisodeId))).ToList();
        var authorIds = readable.Select(n => n.AuthorId).Distinct().ToList();
        var authors = await db.Staff.AsNoTracking().Where(s => authorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var notes = readable.OrderByDescending(n => n.At)
            .Select(n => new NoteView(n.At, n.Medical, n.Text, authors.GetValueOrDefault(n.AuthorId)?.DisplayName, authors.GetValueOrDefault(n.AuthorId)?.Role)).ToList();
        // A consent lets a structure read, never puts the other team's work before it.
        var tasks = inCareTeam ? await workflowDb.OfEpisodesAsync(ids, cancellationToken) : [];
        var episodeOfInstance = episodes.Where(e => e.Status == Domain.Pathways.EpisodeStatus.Active && e.InstanceId is not null)
            .ToDictionary(e => e.InstanceId!.Value, e => e.Id);
        var deadlines = inCareTeam
            ? (await engine.PendingTimersAsync(episodeOfInstance.Keys, cancellationToken))
                .Select(t => new PathwayDeadline(episodeOfInstance[t.InstanceId], t.Name, t.DueAt)).ToList()
            : [];
        var consents = (await db.Consents.AsNoTracking().Where(c => c.PersonId == person.Id).ToListAsync(cancellationToken))
            .OrderByDescending(c => c.GrantedAt).Select(c => ConsentViewOf(c, structures[c.RecipientStructureId].Name, now)).ToList();
        var rights = new SharingRightsView(await PersonRights.InformedAtAsync(workflowDb, ids, cancellationToken), person.SharingObjectedAt);
        var recorded = await db.CareRecourses.AsNoTracking().Where(r => r.PersonId == person.Id).Select(r => new { r.Kind, r.At }).ToListAsync(cancellationToken);
        var recourses = Enum.GetValues<Domain.Reports.CareRecourseKind>().Select(k => new RecourseCount(k, Domain.Reports.CareRecourseKinds.Label(k),
            recorded.Count(r => r.Kind == k), recorded.Where(r => r.Kind == k).Select(r => (DateTimeOffset?)r.At).Max())).ToList();
        audit.Record("person.read", person.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new PersonRecord(person.Id, person.Pseudonym, person.BirthYear, person.Sex,
            episodes.Select(e => new EpisodeView(e.Id, structures[e.StructureId].Name, e.DeviceType.Label(), e.Stage.ToString(), e.Status.ToString(),
                e.ReferentId is { } r ? staffNames.GetValueOrDefault(r) : null, e.RequestedAt, e.AdmittedAt, e.ClosedAt,
                milestones.Where(m => m.EpisodeId == e.Id).OrderBy(m => m.At).Select(m => new MilestoneView(m.Code, m.Label, m.At)).ToList())).ToList(),
            alerts, handoffs, notes,
            tasks.Select(t => Views.Task(t, person.Id, person.Pseudonym, now, TaskDecisionOf(staff, t, episodes, structures))).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue).ToList(),
            consents, rights, inCareTeam, recourses, await careTeam.MayActAsync(staff, person.Id, cancellationToken)) { PathwayDeadlines = deadlines };
    }

    private static ConsentView ConsentViewOf(Domain.Consents.Consent c, string recipient, DateTimeOffset now) =>
        new(c.Id, recipient, c.Purpose,
            [.. c.Social ? [Consents.ConsentCategories.Social] : Array.Empty<string>(), .. c.Medical ? [Consents.ConsentCategories.Medical] : Array.Empty<string>()],
            c.GrantedAt, c.ExpiresAt, c.RevokedAt, c.RevokedAt is not null ? "revoked" : c.ExpiresAt <= now ? "expired" : "active");

    /// <inheritdoc/>
    public async Task<PersonIdentityView> Handle(GetPersonIdentityQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        if (!await careTeam.IsInCareTeamAsync(staff, request.PersonId, cancellationToken))
        {
            const string refusal = "L'identité n'est communiquée qu'à l'équipe de soins de la personne.";
            await audit.RecordRefusalAsync("identity.read.denied", request.PersonId, refusal, cancellationToken);
            throw new AccessDeniedException(refusal);
        }
        var identity = await db.Identities.AsNoTracking().FirstOrDefaultAsync(i => i.PersonId == request.PersonId, cancellationToken);
        audit.Record("identity.read", request.PersonId);
        await db.SaveChangesAsync(cancellationToken);
        return identity is null
            ? new PersonIdentityView(request.PersonId, null, null, null, null, null)
            : new PersonIdentityView(identity.PersonId, identity.LastName, identity.FirstName, identity.UsedName, identity.BirthDate, identity.Phone);
    }

    private static Security.TaskDecision TaskDecisionOf(StaffMember staff, HumanTaskRecord task, List<Domain.Pathways.Episode> episodes,
        Dictionary<Guid, Structure> structures)
    {
        var episode = episodes.Single(e => e.Id.ToString() == task.BusinessKey);
        return DecisionRights.Decide(staff, task.Role, episode.StructureId, episode.ReferentId, structures[episode.StructureId].DeputyDirectorId);
    }
}
