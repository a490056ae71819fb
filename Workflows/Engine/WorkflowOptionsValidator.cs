using Microsoft.Extensions.Options;

namespace Orchestrator.Workflows.Engine;

/// <summary>Refuses at start-up what <see cref="WorkflowOptions.Problem"/> finds wrong (an unknown time zone, say), with the setting named.</summary>
internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
