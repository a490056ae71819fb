using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Indicators;
using Orchestrator.Application.Messaging;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Reports;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Reports;

/// <summary>
/// Writes (or replaces) the director's text of a qualitative <paramref name="Section"/> (<see cref="NarrativeSections"/>)
/// of <paramref name="StructureId"/>'s report for calendar <paramref name="Year"/>; kept with that report and shown in
/// every output of it but the regional one.
/// </summary>
/// <exception cref="ValidationException">Unknown section, year outside 2000–2100, text over <see cref="ReportNarrative.MaxLength"/> characters.</exception>
/// <exception cref="AccessDeniedException">Not the structure's director (<see cref="ReportAccess"/>).</exception>
public sealed record SaveReportTextCommand(Guid StructureId, int Year, string Section, string Text) : ICommand<Guid>;

/// <summary>What <see cref="SaveReportTextCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class SaveReportTextValidator : AbstractValidator<SaveReportTextCommand>
{
    /// <summary>Declares the rules of <see cref="SaveReportTextCommand"/>.</summary>
    public SaveReportTextValidator()
    {
        RuleFor(c => c.Section).Must(s => NarrativeSections.Find(s) is not null).OverridePropertyName("section")
            .WithMessage("Partie du rapport inconnue.");
        RuleFor(c => c.Year).InclusiveBetween(RegionalIndicatorsValidator.FirstYear, RegionalIndicatorsValidator.LastYear).OverridePropertyName("year")
            .WithMessage($"L'année doit être comprise entre {RegionalIndicatorsValidator.FirstYear} et {RegionalIndicatorsValidator.LastYear}.");
        RuleFor(c => c.Text).NotNull().MaximumLength(ReportNarrative.MaxLength).OverridePropertyName("text")
            .WithMessage($"Le texte est obligatoire et compte au plus {ReportNarrative.MaxLength} caractères.");
    }
}

/// <summary>Handles <see cref="SaveReportTextCommand"/>: the rules, rights and errors are on the request.</summary>
public sealed class SaveReportTextHandler(OrchestratorDbContext db, CurrentStaff current, TimeProvider clock) : MediatR.IRequestHandler<SaveReportTextCommand, Guid>
{
    /// <inheritdoc/>
    public async Task<Guid> Handle(SaveReportTextCommand request, CancellationToken cancellationToken)
    {
        var member = current.Require();
        ReportAccess.EnsureMayWriteTexts(member, request.StructureId);
        var narrative = await db.ReportNarratives.FirstOrDefaultAsync(n => n.StructureId == request.StructureId && n.Year == request.Year && n.Section == request.Section, cancellationToken)
            ?? db.ReportNarratives.Add(new ReportNarrative { StructureId = request.StructureId, Year = request.Year, Section = request.Section }).Entity;
        narrative.Write(request.Text.Trim(), member.Id, clock.GetUtcNow());
        return narrative.Id;
    }
}
