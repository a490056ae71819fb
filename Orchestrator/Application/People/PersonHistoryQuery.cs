using System.Globalization;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;
using Orchestrator.Workflows.Engine;
using Orchestrator.Workflows.Model;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.People;

/// <summary>
/// The tasks done in a person's pathways, for the timeline: who did each (name and function) and what they answered,
/// in words (« Avis : Favorable »), never codes. Read under the same rule as the record (<see cref="CareTeam"/>);
/// the answers of medical tasks (doctor, psychiatrist, nurse) and free-text answers only to those who read the medical
/// notes of the structure whose episode the task belongs to (<see cref="CareTeam.NoteScopeAsync"/>: care staff of that
/// structure's team, or of a structure holding a medical-category consent), as for medical notes (CSP L1110-4 III:
/// information strictly necessary to each professional; another team's medical information only with consent).
/// </summary>
public sealed record GetPersonHistoryQuery(Guid PersonId) : IRequest<IReadOnlyList<DoneTaskView>>;

/// <summary>A task done: when (UTC), by whom (null when done by the engine or an account since removed), and its answers as « label : value ».</summary>
public sealed record DoneTaskView(Guid Id, Guid EpisodeId, string Name, DateTimeOffset At, string? By, StaffRole? ByRole, IReadOnlyList<string> Answers);

/// <summary>Handles <see cref="GetPersonHistoryQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class GetPersonHistoryHandler(OrchestratorDbContext db, IDbContextFactory<WorkflowDbContext> workflowDb, CurrentStaff current,
    CareTeam careTeam, AuditTrail audit) : IRequestHandler<GetPersonHistoryQuery, IReadOnlyList<DoneTaskView>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<DoneTaskView>> Handle(GetPersonHistoryQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        await careTeam.EnsureCanReadAuditedAsync(audit, staff, request.PersonId, cancellationToken);
        var structureOf = await db.Episodes.AsNoTracking().Where(e => e.PersonId == request.PersonId)
            .ToDictionaryAsync(e => e.Id.ToString(), e => e.StructureId, cancellationToken);
        var keys = structureOf.Keys.ToList();
        List<HumanTaskRecord> done;
        await using (var wf = await workflowDb.CreateDbContextAsync(cancellationToken))
            done = await wf.Tasks.AsNoTracking().Where(t => t.Status == HumanTaskStatus.Completed && keys.Contains(t.BusinessKey!)).ToListAsync(cancellationToken);
        var actorIds = done.Select(t => Guid.TryParse(t.CompletedBy, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        var actors = await db.Staff.AsNoTracking().Where(s => actorIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var scope = await careTeam.NoteScopeAsync(staff, request.PersonId, cancellationToken) ?? new NoteScope(false, false, false, null);
        return done.OrderByDescending(t => t.EndedAt).Select(t =>
        {
            var actor = Guid.TryParse(t.CompletedBy, out var id) ? actors.GetValueOrDefault(id) : null;
            var medical = t.Role is "doctor" or "psychiatrist" or "nurse";
            var seesMedical = scope.Allows(medical: true, structureOf[t.BusinessKey!]);
            return new DoneTaskView(t.Id, Guid.Parse(t.BusinessKey!), t.Name, t.EndedAt ?? t.CreatedAt, actor?.DisplayName, actor?.Role,
                medical && !seesMedical ? [] : Answers(t, seesMedical));
        }).ToList();
    }

    /// <summary>« Label : value » for each answer, choices by their labels; free text only for <paramref name="withText"/>.</summary>
    private static List<string> Answers(HumanTaskRecord task, bool withText)
    {
        if (string.IsNullOrEmpty(task.Values) || JsonNode.Parse(task.Values) is not JsonObject values) return [];
        var answers = new List<string>();
        foreach (var field in TaskFormValidator.ReadFields(task.Fields))
        {
            if (values[field.Name] is not JsonValue value) continue;
            var text = field.Type switch
            {
                FormFieldType.Choice => field.LabelOf(value.ToString()),
                FormFieldType.Boolean => value.TryGetValue<bool>(out var b) ? (b ? "oui" : "non") : value.ToString(),
                FormFieldType.Date => DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                    ? Formatting.FrenchDates.Day(d) : value.ToString(),
                FormFieldType.Number => value.TryGetValue<double>(out var n) ? n.ToString(Formatting.FrenchDates.Culture) : value.ToString(),
                _ => withText ? value.ToString() : null,
            };
            if (text is not null) answers.Add($"{field.Title} : {text}");
        }
        return answers;
    }
}
