namespace Orchestrator.Domain.Reports;

/// <summary>
/// A qualitative part of a structure's annual report that its director writes (presentation, who referred people and
/// the regulator's role, pathologies, partnerships, conclusions…: 2006 DGAS circular on LHSS, annex I, parts I, III and
/// IV), kept with the report of that structure and calendar year. Never part of a regional output.
/// </summary>
public sealed class ReportNarrative
{
    /// <summary>The longest text a section holds, in characters.</summary>
    public const int MaxLength = 8000;

    /// <summary>The narrative's id.</summary>
    public Guid Id { get; init; } = Guid.NewGuid();
    /// <summary>The structure whose report it is part of.</summary>
    public Guid StructureId { get; init; }
    /// <summary>The calendar year reported on (e.g. 2026).</summary>
    public int Year { get; init; }
    /// <summary>A key of <c>NarrativeSections</c> (presentation, referrers, conclusions…).</summary>
    public required string Section { get; init; }
    /// <summary>The section's text, at most <see cref="MaxLength"/> characters; empty until written.</summary>
    public string Text { get; private set; } = "";
    /// <summary>When the text was last written (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; private set; }
    /// <summary>The staff member who last wrote it.</summary>
    public Guid UpdatedBy { get; private set; }

    /// <summary>Replaces the section's text, by <paramref name="by"/> at <paramref name="at"/> (UTC).</summary>
    /// <exception cref="DomainException">The text is longer than <see cref="MaxLength"/> characters.</exception>
    public void Write(string text, Guid by, DateTimeOffset at)
    {
        if (text.Length > MaxLength) throw new DomainException($"Le texte dépasse {MaxLength} caractères.");
        Text = text;
        UpdatedBy = by;
        UpdatedAt = at;
    }
}
