namespace Orchestrator.Workflows.Model;

/// <summary>
/// A value the process reads from its variables (a deadline, usually) whose default the BPMN file
/// declares with <c>orc:parameter</c>. The host may override it per device; a start that passes the
/// variable itself wins over both.
/// </summary>
public sealed record ProcessParameter(string Name, string? Label, ProcessParameterType Type, string DefaultValue);
