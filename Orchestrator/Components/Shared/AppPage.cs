using ValidationException = FluentValidation.ValidationException;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Orchestrator.Application.Security;
using Orchestrator.Components.Live;
using Orchestrator.Domain;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Components.Shared;

/// <summary>A screen: sends requests through the dispatcher, shows refusals in French, reloads on live updates.</summary>
public abstract partial class AppPage : ComponentBase, IDisposable
{
    /// <summary>Sends the screen's requests, each in a scope of its own, as the signed-in member.</summary>
    [Inject] protected Dispatcher Dispatcher { get; set; } = default!;
    /// <summary>Shows the screen's success and refusal messages.</summary>
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    /// <summary>Tells the screen that something it shows may have changed.</summary>
    [Inject] protected LiveUpdates Live { get; set; } = default!;
    [Inject] private ILogger<AppPage> Logger { get; set; } = default!;
    /// <summary>The texts every screen shares (Resources/Components/Shared/AppPage.resx); a screen's own are its <c>L</c>.</summary>
    [Inject] private Microsoft.Extensions.Localization.IStringLocalizer<AppPage> Shared { get; set; } = default!;

    private CoalescedRefresh? _refresh;

    /// <summary>The last refusal, in French, shown by the screen; null when the last action succeeded.</summary>
    protected string? Error { get; private set; }

    /// <summary>Subscribes to live updates, then loads the screen (<see cref="LoadAsync"/>), showing a refusal instead of failing.</summary>
    protected override async Task OnInitializedAsync()
    {
        _refresh = new CoalescedRefresh(ReloadAsync, e => LogReloadFailed(Logger, GetType().Name, e));
        Live.Changed += _refresh.Request;
        await RunAsync(LoadAsync);
    }

    /// <summary>Loads what the screen shows; called once when it opens and again on each live update.</summary>
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

    private Dictionary<string, string> _fieldErrors = new();

    /// <summary>Whether the last <see cref="SubmitFormAsync"/> was refused on <paramref name="field"/> (the request's path, e.g. <c>referral.type</c>).</summary>
    protected bool HasFieldError(string field) => _fieldErrors.ContainsKey(field);

    /// <summary>The French refusal of <paramref name="field"/> at the last <see cref="SubmitFormAsync"/>, or null.</summary>
    protected string? FieldError(string field) => _fieldErrors.GetValueOrDefault(field);

    /// <summary>
    /// Submits a form: a <see cref="ValidationException"/> puts each refusal beside its field and in a message starting with
    /// <paramref name="refused"/> (« La demande n'est pas enregistrée »); the application's other refusals show as in <see cref="RunAsync"/>.
    /// </summary>
    protected async Task<bool> SubmitFormAsync(Func<Task> action, string refused)
    {
        _fieldErrors = new();
        try
        {
            await action();
            return true;
        }
        catch (ValidationException v)
        {
            _fieldErrors = v.Errors.GroupBy(x => x.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
            Snackbar.Add(Shared["Refused", refused, string.Join(" ", _fieldErrors.Values)], Severity.Error);
            return false;
        }
        catch (Exception e) when (Message(e) is { } message)
        {
            Snackbar.Add(message, Severity.Error);
            return false;
        }
    }

    private string? Message(Exception e) => e switch
    {
        ValidationException v => string.Join(" ", v.Errors.Select(x => x.ErrorMessage)),
        TaskInputException t => Shared["Incomplete", string.Join(" ; ", t.Errors.Values)],
        WorkflowConflictException c => Application.Messaging.ConflictWording.French(c),
        WorkflowNotFoundException n => Application.Messaging.NotFoundWording.French(n),
        StepFailedException f => Application.Messaging.StepFailureWording.French(f),
        AccessDeniedException or NotFoundException or DomainException or WorkflowException => e.Message,
        Workflows.Validation.BpmnValidationException b => string.Join(" ; ", b.Problems.Select(p => Shared["Problem", RoleLabels.ElementType(p.ElementType), p.ElementId ?? "", p.Line, p.Reason].Value)),
        _ => null,
    };

    private Task ReloadAsync() => InvokeAsync(async () =>
    {
        await RunAsync(LoadAsync);
        StateHasChanged();
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live reload of {Screen} failed")]
    private static partial void LogReloadFailed(ILogger logger, string screen, Exception e);

    /// <summary>What a screen stops when it is left (a long computation it started).</summary>
    protected virtual void OnLeaving() { }

    /// <summary>Stops what the screen started (<see cref="OnLeaving"/>) and its live updates.</summary>
    public void Dispose()
    {
        OnLeaving();
        if (_refresh is not null) Live.Changed -= _refresh.Request;
        GC.SuppressFinalize(this);
    }
}
