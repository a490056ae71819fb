using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Workflows.Extensibility;

namespace Orchestrator.Activities.Tests;

public sealed class ActivityLibraryTests
{
    private static ActivityCatalog Catalog()
    {
        var services = new ServiceCollection();
        services.AddActivityLibrary();
        return new ActivityCatalog(services.Where(d => d.ServiceType.IsAssignableTo(typeof(IActivity))).Select(d => d.ServiceType));
    }

    [Fact]
    public void Every_activity_declares_its_type_its_french_label_and_its_inputs_for_the_designer()
    {
        var catalog = Catalog();
        Assert.Equal(["AssignReferent", "ExpireHandoff", "FlagRisk", "NotifyReferent", "PlanDeadline", "ProposeHandoff", "RecordMilestone"], catalog.All.Select(a => a.Type).Order());
        var flagRisk = catalog.Find("FlagRisk")!;
        Assert.Equal("Signaler un risque de rupture", flagRisk.DisplayName);
        Assert.Contains(flagRisk.Inputs, i => i.Name == "riskType" && i.Required);
        Assert.All(catalog.All, a => Assert.NotEmpty(a.Inputs));
    }
}
