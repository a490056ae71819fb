using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Indicators;

/// <summary>
/// Aggregated activity by département and device for the ARS: no identifier of any person, and any count
/// from 1 to 10 is suppressed (null) by <see cref="SmallCounts"/>, as statistical secrecy asks, whoever reads them.
/// </summary>
public sealed record RegionalIndicatorsQuery(int Year) : IRequest<IReadOnlyList<IndicatorRow>>;

/// <summary>A calendar year the figures can be about (a year 0 or 10000 has no first of January to count from).</summary>
public sealed class RegionalIndicatorsValidator : AbstractValidator<RegionalIndicatorsQuery>
{
    /// <summary>The first and last calendar years the figures may be asked for, inclusive.</summary>
    public const int FirstYear = 2000, LastYear = 2100;

    /// <summary>Declares the rules of <see cref="RegionalIndicatorsQuery"/>.</summary>
    public RegionalIndicatorsValidator() => RuleFor(q => q.Year).InclusiveBetween(FirstYear, LastYear)
        .OverridePropertyName("year").WithMessage($"L'année doit être comprise entre {FirstYear} et {LastYear}.");
}

/// <summary>
/// The figures of one device in one département for the year asked; a count from 1 to 10 is null (suppressed), as is the mean
/// when it rests on 10 stays or fewer. The year runs from 1 January to 1 January, midnight in Paris.
/// </summary>
/// <param name="Department">The département code.</param>
/// <param name="Device">The device's French label.</param>
/// <param name="Structures">How many structures of that device the département has.</param>
/// <param name="Capacity">Their authorised places, over all sites.</param>
/// <param name="ActiveEpisodes">Episodes active now (not restricted to the year).</param>
/// <param name="Admissions">Admissions in the year.</param>
/// <param name="NotAdmitted">Referrals that ended without admission in the year.</param>
/// <param name="Exits">Stays that ended in the year.</param>
/// <param name="MeanStayDays">The mean length of those stays, in days (one decimal).</param>
/// <param name="OpenAlerts">Alerts not resolved now (open or acknowledged).</param>
public sealed record IndicatorRow(string Department, string Device, int Structures, int Capacity, int? ActiveEpisodes, int? Admissions,
    int? NotAdmitted, int? Exits, double? MeanStayDays, int? OpenAlerts);

/// <summary>Handles <see cref="RegionalIndicatorsQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class RegionalIndicatorsHandler(OrchestratorDbContext db, CurrentStaff current) : IRequestHandler<RegionalIndicatorsQuery, IReadOnlyList<IndicatorRow>>
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<IndicatorRow>> Handle(RegionalIndicatorsQuery request, CancellationToken cancellationToken)
    {
        current.Require(StaffRole.RegionalViewer, StaffRole.Administrator, StaffRole.Coordinator, StaffRole.Director);
        var (from, to) = Reports.Figures.Year(request.Year);
        var structures = await db.Structures.AsNoTracking().Include(s => s.Sites).ToListAsync(cancellationToken);
        // Counted by the database, one row per structure: a region's history is never loaded to count it.
        var counts = await db.Episodes.AsNoTracking().GroupBy(e => e.StructureId).Select(g => new
            {
                StructureId = g.Key,
                Active = g.Count(e => e.Status == EpisodeStatus.Active),
                Admissions = g.Count(e => e.AdmittedAt >= from && e.AdmittedAt < to),
                NotAdmitted = g.Count(e => e.Status == EpisodeStatus.NotAdmitted && e.ClosedAt >= from && e.ClosedAt < to),
            }).ToDictionaryAsync(c => c.StructureId, cancellationToken);
        // The stays that ended in the year, for their number and mean length: a year's exits, not the history.
        var ended = await db.Episodes.AsNoTracking().Where(e => e.AdmittedAt != null && e.ExitedAt >= from && e.ExitedAt < to)
            .Select(e => new { e.StructureId, e.AdmittedAt, e.ExitedAt }).ToListAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.State != AlertState.Resolved).GroupBy(a => a.StructureId)
            .Select(g => new { StructureId = g.Key, Open = g.Count() }).ToDictionaryAsync(a => a.StructureId, a => a.Open, cancellationToken);
        return structures.Where(s => s.Type.RunsPathways()).GroupBy(s => (s.Department, s.Type)).OrderBy(g => g.Key.Department).ThenBy(g => g.Key.Type)
            .Select(g =>
            {
                var ids = g.Select(s => s.Id).ToHashSet();
                var mine = ids.Where(counts.ContainsKey).Select(id => counts[id]).ToList();
                var stays = ended.Where(e => ids.Contains(e.StructureId)).Select(e => (e.ExitedAt!.Value - e.AdmittedAt!.Value).TotalDays).ToList();
                return new IndicatorRow(g.Key.Department, g.Key.Type.Label(), g.Count(), g.Sum(s => s.Capacity),
                    SmallCounts.Suppress(mine.Sum(c => c.Active)),
                    SmallCounts.Suppress(mine.Sum(c => c.Admissions)),
                    SmallCounts.Suppress(mine.Sum(c => c.NotAdmitted)),
                    SmallCounts.Suppress(stays.Count),
                    stays.Count > SmallCounts.Threshold ? Math.Round(stays.Average(), 1) : null,
                    SmallCounts.Suppress(ids.Sum(id => alerts.GetValueOrDefault(id))));
            }).ToList();
    }
}
