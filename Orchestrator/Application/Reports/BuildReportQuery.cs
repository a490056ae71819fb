using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Indicators;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Reports;

/// <summary>
/// Builds a report of <paramref name="Kind"/> for a calendar <paramref name="Year"/>: of <paramref name="StructureId"/> for
/// a structure report, across every structure for the regional one (where <paramref name="StructureId"/> is ignored).
/// <see cref="Progress"/>, when given, hears 0 to 100 as the data is read and the figures computed.
/// </summary>
/// <exception cref="ValidationException">Year outside 2000–2100, no structure for a structure report, or a report the structure's device does not have.</exception>
/// <exception cref="AccessDeniedException">See <see cref="ReportAccess"/>.</exception>
/// <exception cref="NotFoundException">Unknown structure.</exception>
public sealed record BuildReportQuery(ReportKind Kind, Guid? StructureId, int Year) : IRequest<Report>
{
    /// <summary>Told the percentage done (0 to 100) as the report is built; null for nobody.</summary>
    public IProgress<int>? Progress { get; init; }
}

/// <summary>What <see cref="BuildReportQuery"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class BuildReportValidator : AbstractValidator<BuildReportQuery>
{
    /// <summary>Declares the rules of <see cref="BuildReportQuery"/>.</summary>
    public BuildReportValidator()
    {
        RuleFor(q => q.Year).InclusiveBetween(RegionalIndicatorsValidator.FirstYear, RegionalIndicatorsValidator.LastYear).OverridePropertyName("year")
            .WithMessage($"L'année doit être comprise entre {RegionalIndicatorsValidator.FirstYear} et {RegionalIndicatorsValidator.LastYear}.");
        RuleFor(q => q.StructureId).NotEmpty().When(q => q.Kind.IsPerStructure()).OverridePropertyName("structure")
            .WithMessage("Indiquer la structure du rapport.");
    }
}

/// <summary>Handles <see cref="BuildReportQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class BuildReportHandler(OrchestratorDbContext db, ReportDatasetLoader loader, CurrentStaff current, TimeProvider clock)
    : IRequestHandler<BuildReportQuery, Report>
{
    /// <inheritdoc/>
    public async Task<Report> Handle(BuildReportQuery request, CancellationToken cancellationToken)
    {
        var member = current.Require();
        ReportAccess.EnsureMayRead(member, request.Kind, request.StructureId);
        var (from, until) = Figures.Year(request.Year);
        var now = clock.GetUtcNow();
        if (!request.Kind.IsPerStructure())
        {
            var ids = await db.Structures.AsNoTracking().Select(s => new { s.Id, s.Type }).ToListAsync(cancellationToken);
            var regional = await loader.LoadAsync(ids.Where(s => s.Type.RunsPathways()).Select(s => s.Id).ToList(), until, request.Progress, cancellationToken, since: from);
            var sections = await Task.Run(() => RegionalReportBuilder.Build(regional, request.Year), cancellationToken);
            request.Progress?.Report(100);
            return new Report(request.Kind.Slug(), request.Kind.Title(), "Région — tous départements", request.Year, now, true, sections);
        }
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.StructureId, cancellationToken)
            ?? throw new NotFoundException("Structure inconnue.");
        if (!request.Kind.AppliesTo(structure.Type))
            throw new ValidationException([new ValidationFailure("kind", $"Le rapport « {request.Kind.Title()} » ne concerne pas une structure {structure.Type.Label()}.")]);
        var data = await loader.LoadAsync([structure.Id], until, request.Progress, cancellationToken);
        var texts = await db.ReportNarratives.AsNoTracking().Where(n => n.StructureId == structure.Id && n.Year == request.Year)
            .ToDictionaryAsync(n => n.Section, n => n.Text, cancellationToken);
        var scope = new StructureScope(data, data.Structures.Single(), request.Year);
        var built = await Task.Run(() => request.Kind switch
        {
            ReportKind.LhssEvaluation => LhssEvaluationBuilder.Build(scope, texts),
            ReportKind.Act => ResidentialReportBuilders.Act(scope, texts),
            ReportKind.Lam => ResidentialReportBuilders.Lam(scope, texts),
            ReportKind.MobileTeam => MobileTeamBuilder.Build(scope),
            _ => BreakInCareBuilder.Build(scope),
        }, cancellationToken);
        request.Progress?.Report(100);
        return new Report(request.Kind.Slug(), request.Kind.Title(), $"{structure.Name} ({structure.Department})", request.Year, now, false, built);
    }
}
