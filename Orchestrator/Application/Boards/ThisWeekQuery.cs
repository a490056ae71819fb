using FluentValidation;
using MediatR;
using Orchestrator.Application.People;

namespace Orchestrator.Application.Boards;

/// <summary>
/// « Cette semaine »: for each person of the caller's lists, what is overdue or falls due within <see cref="Days"/>
/// calendar days (7 by default): the tasks of « Mes tâches » and the open alerts of the risk board, the most urgent
/// person first. It reads through those two queries, so who sees and may act on what stays decided in one place
/// (<see cref="Security.CareTeam"/>, <see cref="Security.DecisionRights"/>).
/// </summary>
/// <param name="Days">The horizon in days from now (1 to 31).</param>
public sealed record ThisWeekQuery(int Days = 7) : IRequest<IReadOnlyList<ThisWeekPerson>>;

/// <summary>One person's urgent items, soonest due first; <see cref="MostUrgentAt"/> is the first item's due date (UTC).</summary>
public sealed record ThisWeekPerson(Guid PersonId, string Pseudonym, DateTimeOffset MostUrgentAt, IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<AlertView> Alerts)
{
    /// <summary>Whether anything of this person is already overdue.</summary>
    public bool HasOverdue => Tasks.Any(t => t.Overdue) || Alerts.Any(a => a.Overdue);
}

/// <summary>What <see cref="ThisWeekQuery"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class ThisWeekQueryValidator : AbstractValidator<ThisWeekQuery>
{
    /// <summary>Declares the rules of <see cref="ThisWeekQuery"/>.</summary>
    public ThisWeekQueryValidator() => RuleFor(q => q.Days).InclusiveBetween(1, 31).WithMessage("L'horizon va de 1 à 31 jours.");
}

/// <summary>Handles <see cref="ThisWeekQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class ThisWeekQueryHandler(IMediator mediator, TimeProvider clock) : IRequestHandler<ThisWeekQuery, IReadOnlyList<ThisWeekPerson>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ThisWeekPerson>> Handle(ThisWeekQuery request, CancellationToken cancellationToken)
    {
        var horizon = clock.GetUtcNow().AddDays(request.Days);
        var tasks = (await mediator.Send(new ListMyTasksQuery(), cancellationToken)).Where(t => t.DueAt is { } due && due <= horizon).ToList();
        var alerts = (await mediator.Send(new ListAlertsQuery(), cancellationToken)).Where(a => a.DueAt <= horizon).ToList();
        var pseudonyms = tasks.Select(t => (t.PersonId, t.Pseudonym)).Concat(alerts.Select(a => (a.PersonId, a.Pseudonym)))
            .DistinctBy(p => p.PersonId).ToList();
        return pseudonyms.Select(p =>
            {
                var own = tasks.Where(t => t.PersonId == p.PersonId).OrderBy(t => t.DueAt).ToList();
                var raised = alerts.Where(a => a.PersonId == p.PersonId).OrderBy(a => a.DueAt).ToList();
                var first = own.Select(t => t.DueAt!.Value).Concat(raised.Select(a => a.DueAt)).Min();
                return new ThisWeekPerson(p.PersonId, p.Pseudonym, first, own, raised);
            })
            .OrderBy(p => p.MostUrgentAt).ThenBy(p => p.Pseudonym, StringComparer.Ordinal).ToList();
    }
}
