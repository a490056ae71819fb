using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Structures;
using Orchestrator.Workflows.Persistence;

namespace Orchestrator.Application.People;

internal static class Views
{
    public static AlertView Alert(Alert a, string pseudonym, Structure structure, DateTimeOffset now) =>
        new(a.Id, a.EpisodeId, a.PersonId, pseudonym, structure.Name, structure.Type.Label(), structure.Department, a.Type, a.Severity,
            a.Message, a.State.ToString(), a.RaisedAt, a.DueAt, a.State != AlertState.Resolved && a.DueAt <= now);

    public static TaskView Task(HumanTaskRecord t, Guid personId, string pseudonym, DateTimeOffset now, Security.TaskDecision decision) =>
        new(t.Id, Guid.Parse(t.BusinessKey!), personId, pseudonym, t.Name, t.Role, t.DefinitionKey, t.ElementId, t.CreatedAt, t.DueAt,
            t.DueAt is { } due && due <= now, Workflows.Engine.TaskFormValidator.ReadFields(t.Fields), decision.Right, decision.ReservedLabel);
}
