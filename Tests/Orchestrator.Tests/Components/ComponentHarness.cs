using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Orchestrator.Application.Security;
using Orchestrator.Components.Live;
using Orchestrator.Components.Shared;
using Orchestrator.Domain.Staff;
using Orchestrator.Tests.Support;

namespace Orchestrator.Tests.Components;

/// <summary>bUnit on the real application layer: the screens render what the pathway harness's database holds.</summary>
public static class ComponentHarness
{
    public static BunitContext Context(PathwayHarness h, StaffMember? member)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        context.Services.AddSingleton(h.Services.GetRequiredService<LiveUpdates>());
        context.Services.AddSingleton(h.Services.GetRequiredService<Orchestrator.Workflows.Definitions.DefinitionStore>()); // the admin screens read definitions from it, as in the app
        context.Services.AddSingleton<TimeProvider>(h.Clock); // screens read "now" from the same fake clock as the pathways
        var staff = new CurrentStaff { Member = member };
        context.Services.AddSingleton(staff);
        // The harness's scopes, not bUnit's: its container is the one that holds the application layer.
        context.Services.AddScoped(_ => new Dispatcher(h.Services.GetRequiredService<IServiceScopeFactory>(), staff));
        context.Render<MudPopoverProvider>();
        context.Render<MudSnackbarProvider>();
        return context;
    }
}
