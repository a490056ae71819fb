using ValidationException = FluentValidation.ValidationException;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Orchestrator.Application.Security;
using Orchestrator.Components.Live;
using Orchestrator.Domain;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Components.Shared;

/// <summary>A screen: sends requests through the dispatcher, shows refusals in French, reloads on live updates.</summary>
public abstract class AppPage : ComponentBase, IDisposable
{
    [Inject] protected Dispatcher Dispatcher { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    [Inject] protected LiveUpdates Live { get; set; } = default!;

    protected string? Error { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Live.Changed += OnLiveChangeAsync;
        await RunAsync(LoadAsync);
    }

    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs an action and turns the application's refusals into a message instead of a broken circuit.</summary>
    protected async Task<bool> RunAsync(Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            Error = null;
            if (success is not null) Snackbar.Add(success, Severity.Success);
            return true;
        }
        catch (Exception e) when (Message(e) is { } message)
        {
            Error = message;
            Snackbar.Add(message, Severity.Error);
            return false;
        }
    }

    private static string? Message(Exception e) => e switch
    {
        ValidationException v => string.Join(" ", v.Errors.Select(x => x.ErrorMessage)),
        TaskInputException t => "Formulaire incomplet : " + string.Join(" ; ", t.Errors.Select(x => $"{x.Key} — {x.Value}")),
        AccessDeniedException or NotFoundException or DomainException or WorkflowConflictException or WorkflowException => e.Message,
        Workflows.Validation.BpmnValidationException b => string.Join(" ; ", b.Problems.Select(p => $"{p.ElementType} « {p.ElementId} » : {p.Reason}")),
        _ => null,
    };

    private async Task OnLiveChangeAsync() => await InvokeAsync(async () =>
    {
        await RunAsync(LoadAsync);
        StateHasChanged();
    });

    public void Dispose()
    {
        Live.Changed -= OnLiveChangeAsync;
        GC.SuppressFinalize(this);
    }
}
