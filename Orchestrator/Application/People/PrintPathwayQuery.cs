using MediatR;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Reports;
using Orchestrator.Application.Reports.Export;

namespace Orchestrator.Application.People;

/// <summary>
/// A printable summary of a person's pathway for the care team (PDF, A4): episodes, what was done and by whom, what is
/// due, open alerts and the notes the caller may read. It is drawn from <see cref="GetPersonRecordQuery"/> and
/// <see cref="GetPersonHistoryQuery"/>, so it holds exactly what the caller sees on the person page (same care-team and
/// consent rules, CSP L1110-4), and the print is audited (<c>person.print</c>). The pseudonym only, never the identity.
/// </summary>
public sealed record PrintPathwayQuery(Guid PersonId) : IRequest<byte[]>;

/// <summary>Handles <see cref="PrintPathwayQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class PrintPathwayHandler(IMediator mediator, AuditTrail audit, Persistence.OrchestratorDbContext db, TimeProvider clock)
    : IRequestHandler<PrintPathwayQuery, byte[]>
{
    /// <inheritdoc/>
    public async Task<byte[]> Handle(PrintPathwayQuery request, CancellationToken cancellationToken)
    {
        var record = await mediator.Send(new GetPersonRecordQuery(request.PersonId), cancellationToken);
        var history = await mediator.Send(new GetPersonHistoryQuery(request.PersonId), cancellationToken);
        var now = clock.GetUtcNow();
        var sections = new List<ReportSection>
        {
            Section("Épisodes", record.Episodes.Select(e => $"{e.Device} — {e.Structure} : demande le {Day(e.RequestedAt)}"
                + (e.AdmittedAt is { } a ? $", admission le {Day(a)}" : "") + (e.ClosedAt is { } c ? $", clos le {Day(c)}" : ", en cours")
                + (e.Referent is { } r ? $" · référent : {r}" : ""))),
            Section("Étapes et décisions", record.Episodes.SelectMany(e => e.Milestones.Select(m => (m.At, Text: $"{m.Label} ({e.Structure})")))
                .Concat(history.Select(t => (t.At, Text: $"{t.Name}" + (t.By is { } by ? $" — par {by}" : "")
                    + (t.Answers.Count > 0 ? " — " + string.Join(" · ", t.Answers) : ""))))
                .OrderBy(x => x.At).Select(x => $"{Day(x.At)} : {x.Text}")),
            Section("Échéances à venir", record.OpenTasks.Where(t => t.DueAt is not null).OrderBy(t => t.DueAt)
                .Select(t => $"{Day(t.DueAt!.Value)} : {t.Name}{(t.Overdue ? " (en retard)" : "")}")),
            Section("Alertes ouvertes", record.Alerts.Where(a => a.State != "Resolved").Select(a =>
                $"{Day(a.RaisedAt)} : {Domain.Alerts.AlertTypeLabels.Label(a.Type)} — {a.Structure}{(a.Overdue ? " (en retard)" : "")}")),
            Section("Notes", record.Notes.Select(n => $"{Day(n.At)}{(n.Author is { } who ? $" · {who}" : "")}{(n.Medical ? " · médical" : "")} : {n.Text}")),
        };
        audit.Record("person.print", record.Id);
        await db.SaveChangesAsync(cancellationToken);
        var report = new Report("parcours", $"Synthèse du parcours de {record.Pseudonym}",
            $"Document de l'équipe de soins, confidentiel{(record.BirthYear is { } y ? $" · né(e) en {y}" : "")}", now.Year, now, false, sections);
        return ReportPdf.Write(report);
    }

    private static ReportSection Section(string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return new ReportSection(title, [], [new ReportText(title, "", list.Count == 0 ? "Aucun élément." : string.Join("\n", list))]);
    }

    private static string Day(DateTimeOffset at) => Formatting.FrenchDates.Day(at);
}
