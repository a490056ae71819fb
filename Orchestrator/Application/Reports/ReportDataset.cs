using Orchestrator.Domain.Handoffs;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Reports;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;

namespace Orchestrator.Application.Reports;

/// <summary>
/// The facts a report is computed from, read once from the database (<see cref="ReportDatasetLoader"/>) or written
/// by hand in a test: structures, episodes with the answers their tasks were completed with, coded recourses to
/// outside care, alerts, handoffs and staff. No identity and no free text is ever part of it: who referred is the
/// coded <see cref="EpisodeFacts.Referrer"/>, never the name the team wrote.
/// </summary>
/// <param name="Structures">Every structure.</param>
/// <param name="Episodes">Every episode, with its coded facts.</param>
/// <param name="Recourses">Every coded recourse to outside care.</param>
/// <param name="Alerts">Every alert.</param>
/// <param name="Handoffs">Every handoff.</param>
/// <param name="Staff">Every staff member (function and structure only).</param>
/// <param name="Now">When the report is made (UTC): the end of stays still running.</param>
public sealed record ReportDataset(
    IReadOnlyList<StructureFacts> Structures,
    IReadOnlyList<EpisodeFacts> Episodes,
    IReadOnlyList<RecourseFacts> Recourses,
    IReadOnlyList<AlertFacts> Alerts,
    IReadOnlyList<HandoffFacts> Handoffs,
    IReadOnlyList<StaffFacts> Staff,
    DateTimeOffset Now);

/// <summary>A structure: its département, device and places (the sum of its sites' capacities).</summary>
public sealed record StructureFacts(Guid Id, string Name, string Department, DeviceType Type, int Capacity);

/// <summary>An active member of a structure's staff, by function.</summary>
public sealed record StaffFacts(Guid StructureId, StaffRole Role);

/// <summary>
/// One episode: the person's sex (« F », « M » or unknown) and birth year, its dates (UTC), its coded entry profile and
/// the completed tasks of its pathway with their coded answers.
/// </summary>
public sealed record EpisodeFacts(
    Guid Id, Guid PersonId, Guid StructureId, string? Sex, int? BirthYear, EpisodeStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset? AdmittedAt, DateTimeOffset? ExitedAt, DateTimeOffset? ClosedAt,
    bool HasReferent, ReferrerType? Referrer, PathologyCategory? Pathology, HousingSituation? HousingBeforeEntry,
    IReadOnlyList<TaskAnswer> Tasks)
{
    /// <summary>The last answer given to <paramref name="field"/> by any completed task of the episode.</summary>
    public string? Answer(string field) => Tasks.Where(t => t.Values.ContainsKey(field)).OrderBy(t => t.CompletedAt).LastOrDefault()?.Values[field];

    /// <summary>The completions of the user task <paramref name="elementId"/>, in order.</summary>
    public IEnumerable<TaskAnswer> Completions(string elementId) => Tasks.Where(t => t.ElementId == elementId).OrderBy(t => t.CompletedAt);

    /// <summary>Whether the person was in the structure (admitted, not yet out) at some time in [from, to).</summary>
    public bool StayOverlaps(DateTimeOffset from, DateTimeOffset to) => AdmittedAt < to && (ExitedAt is null || ExitedAt >= from);
}

/// <summary>A completed user task: its element, when it was completed (UTC) and its answers (booleans as « true »/« false »).</summary>
public sealed record TaskAnswer(string ElementId, DateTimeOffset CompletedAt, IReadOnlyDictionary<string, string?> Values);

/// <summary>A coded recourse to outside care, with the sex of the person it concerned.</summary>
public sealed record RecourseFacts(Guid StructureId, Guid PersonId, string? Sex, CareRecourseKind Kind, DateTimeOffset At);

/// <summary>An alert: its type, when it was raised and resolved (UTC).</summary>
public sealed record AlertFacts(Guid StructureId, Guid EpisodeId, string Type, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt);

/// <summary>A handoff proposed by a structure: its target and how and when it was answered (UTC).</summary>
public sealed record HandoffFacts(Guid FromStructureId, string TargetType, HandoffState State, DateTimeOffset ProposedAt, DateTimeOffset? AnsweredAt);
