using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Activities.Milestones;
using Orchestrator.Activities.Notifications;
using Orchestrator.Activities.Risks;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Activities;

public static class ActivityLibrary
{
    public static IServiceCollection AddActivityLibrary(this IServiceCollection services) => services
        .AddActivity<FlagRisk>()
        .AddActivity<RecordMilestone>()
        .AddActivity<NotifyReferent>();
}
