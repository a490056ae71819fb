using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.ComplexSituations;

/// <summary>
/// A professional of any structure of the directory files a « fiche alerte » about a person in a complex situation with a
/// coordination of complex situations (CLSM commission, instruction DGS 2016-289). The person is recorded under a pseudonym
/// only; the situation is written as a note of the coordination's episode, signed by the partner. A declared urgency
/// alerts the coordinators at the receipt with the meeting deadline (<c>urgentMeetingDelay</c>, 48 hours by default).
/// The partner reads nothing of the record afterwards: they are not part of the care team.
/// </summary>
/// <param name="CoordinationId">A structure of type <see cref="DeviceType.ComplexSituationCoordination"/>.</param>
/// <param name="Pseudonym">How the person is named in the record: initials and a number, never their name (<see cref="PseudonymRule"/>).</param>
/// <param name="Situation">What worries the partner: the situation, the risks, who is already involved (2,000 characters at most).</param>
/// <param name="BirthYear">The person's year of birth (1900 to 2100); null when unknown.</param>
/// <param name="Sex">« F », « M », or null when not recorded.</param>
/// <param name="Urgent">The partner declares an urgency: the coordinators are alerted at once, with the meeting deadline.</param>
public sealed record FileComplexSituationAlertCommand(Guid CoordinationId, string Pseudonym, int? BirthYear, string? Sex, bool Urgent, string Situation)
    : ICommand<ComplexSituationAlertFiled>;

/// <summary>What the partner is told: to whom the alert went, when it was received (UTC) and, if urgent, the meeting deadline (UTC).</summary>
public sealed record ComplexSituationAlertFiled(string Coordination, DateTimeOffset ReceivedAt, DateTimeOffset? MeetingDueBy);

/// <summary>Handles <see cref="FileComplexSituationAlertCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class FileComplexSituationAlertHandler(OrchestratorDbContext db, IDbContextFactory<Workflows.Persistence.WorkflowDbContext> workflowDb, EpisodeOpener opener, CurrentStaff current, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<FileComplexSituationAlertCommand, ComplexSituationAlertFiled>
{
    /// <summary>The roles that file alerts: every professional of a structure, not the administrators nor the regional viewers.</summary>
    public static readonly StaffRole[] Filers = Enum.GetValues<StaffRole>().Where(r => r is not (StaffRole.Administrator or StaffRole.RegionalViewer)).ToArray();

    /// <inheritdoc/>
    public async Task<ComplexSituationAlertFiled> Handle(FileComplexSituationAlertCommand request, CancellationToken cancellationToken)
    {
        var partner = current.Require(Filers);
        // The form is checked once the caller may file, so that a viewer who may not is told so, not how to fill it.
        if (Invalid(request) is { Count: > 0 } failures) throw new ValidationException(failures);
        var coordination = await db.Structures.FirstOrDefaultAsync(s => s.Id == request.CoordinationId, cancellationToken);
        if (coordination is not { Type: DeviceType.ComplexSituationCoordination })
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("coordinationId",
                "Cette structure ne coordonne pas les situations complexes : choisir une coordination de la liste.")]);
        var from = await db.Structures.AsNoTracking().Where(s => s.Id == partner.StructureId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken) ?? "Partenaire";
        var now = clock.GetUtcNow();
        var person = db.People.Add(new Person { Pseudonym = request.Pseudonym.Trim(), BirthYear = request.BirthYear, Sex = request.Sex, CreatedAt = now }).Entity;
        var opened = await opener.OpenAsync(new EpisodeOpener.Opening(coordination, DeviceType.ComplexSituationCoordination.DefinitionKey()!,
                new Referral(ReferrerType.DirectoryStructure), $"{from} ({Security.DecisionRights.FunctionLabel(partner.Role.TaskRole())})",
                new Dictionary<string, object?> { ["declaredUrgency"] = request.Urgent ? "urgent" : "normal" }),
            person, isNew: true, partner.Id, cancellationToken);
        db.CareNotes.Add(new CareNote { PersonId = person.Id, EpisodeId = opened.EpisodeId, AuthorId = partner.Id, Medical = false, Text = request.Situation.Trim(), At = now });
        audit.Record("complex-alert.filed", person.Id, $"{coordination.Name}{(request.Urgent ? " (urgente)" : "")}");
        return new ComplexSituationAlertFiled(coordination.Name, now, request.Urgent ? await MeetingDeadlineAsync(opened.InstanceId, cancellationToken) : null);
    }

    /// <summary>The deadline the pathway computed for the meeting (its <c>meetingDeadline</c> variable), as the alert carries it.</summary>
    private async Task<DateTimeOffset?> MeetingDeadlineAsync(Guid instanceId, CancellationToken ct)
    {
        await using var wf = await workflowDb.CreateDbContextAsync(ct);
        var variables = await wf.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.Variables).FirstOrDefaultAsync(ct);
        return variables is not null && System.Text.Json.Nodes.JsonNode.Parse(variables)?["meetingDeadline"]?.GetValue<string>() is { } due
            ? DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static List<FluentValidation.Results.ValidationFailure> Invalid(FileComplexSituationAlertCommand c)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        void Fail(string field, string message) => failures.Add(new FluentValidation.Results.ValidationFailure(field, message));
        if (c.CoordinationId == Guid.Empty) Fail("coordinationId", "Choisir la coordination à qui transmettre la fiche.");
        if (PseudonymRule.Problem(c.Pseudonym) is { } pseudonym) Fail("pseudonym", pseudonym);
        if (c.BirthYear is { } year && !Person.IsPlausibleBirthYear(year)) Fail("birthYear", Person.BirthYearRefusal);
        if (!Person.IsRecordedSex(c.Sex)) Fail("sex", Person.SexRefusal);
        if (string.IsNullOrWhiteSpace(c.Situation) || c.Situation.Length > 2000) Fail("situation", "Décrire la situation (2 000 caractères au plus).");
        return failures;
    }
}
