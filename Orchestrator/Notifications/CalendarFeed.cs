using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orchestrator.Application.Boards;
using Orchestrator.Application.Security;
using Orchestrator.Components.Shared;
using Orchestrator.Persistence;

namespace Orchestrator.Notifications;

/// <summary>
/// A referent's upcoming deadlines as an iCalendar feed, for the calendar they already use. Calendar apps
/// cannot sign in, so the address carries a secret; and since the feed may sit on a third-party server it
/// names no person, only the task, the structure and a link that asks for sign-in.
/// </summary>
public static class CalendarFeed
{
    /// <summary>
    /// Maps <c>GET /calendrier/{token}.ics</c> (anonymous): the member's open tasks with a deadline and their alerts, as 30-minute events
    /// at their due time (UTC); 404 for an unknown token or an inactive member.
    /// </summary>
    public static void MapCalendarFeed(this IEndpointRouteBuilder app) =>
        app.MapGet("/calendrier/{token}.ics", async (string token, OrchestratorDbContext db, IServiceScopeFactory scopes, IOptions<SmtpOptions> options, CancellationToken ct) =>
        {
            if (token.Length < 20) return Results.NotFound();
            var hash = IssueCalendarTokenHandler.Hash(token);
            var member = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.CalendarToken == hash && s.Active, ct);
            if (member is null) return Results.NotFound();
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentStaff>().Member = member;
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            var tasks = await mediator.Send(new ListMyTasksQuery(), ct);
            var alerts = await mediator.Send(new ListAlertsQuery(), ct);
            var link = options.Value.PublicUrl.TrimEnd('/');
            var calendar = new Calendar { ProductId = "-//Orchestrator//Échéances//FR" };
            calendar.AddProperty("X-WR-CALNAME", $"Échéances — {member.DisplayName}");
            foreach (var task in tasks.Where(t => t.DueAt is not null))
                calendar.Events.Add(Event($"task-{task.Id}", $"Échéance : {task.Name}", task.DueAt!.Value, $"{link}/mes-taches"));
            foreach (var alert in alerts)
                calendar.Events.Add(Event($"alert-{alert.Id}", $"Alerte : {RoleLabels.AlertType(alert.Type)} ({alert.Structure})", alert.DueAt, $"{link}/personnes/{alert.PersonId}"));
            return Results.Text(new CalendarSerializer().SerializeToString(calendar), "text/calendar; charset=utf-8");
        }).AllowAnonymous().WithTags("Calendrier");

    private static CalendarEvent Event(string id, string summary, DateTimeOffset due, string url) => new()
    {
        Uid = id + "@orchestrator",
        Summary = summary,
        Start = new CalDateTime(due.UtcDateTime),
        End = new CalDateTime(due.UtcDateTime.AddMinutes(30)),
        Description = "Ouvrir (connexion requise) : " + url,
        Url = new Uri(url),
    };
}
