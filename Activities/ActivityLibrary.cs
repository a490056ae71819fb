using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Activities.Deadlines;
using Orchestrator.Activities.Handoffs;
using Orchestrator.Activities.Milestones;
using Orchestrator.Activities.Notifications;
using Orchestrator.Activities.Referents;
using Orchestrator.Activities.Risks;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Activities;

public static class ActivityLibrary
{
    public static IServiceCollection AddActivityLibrary(this IServiceCollection services) => services
        .AddActivity<FlagRisk>()
        .AddActivity<RecordMilestone>()
        .AddActivity<NotifyReferent>()
        .AddActivity<ProposeHandoff>()
        .AddActivity<ExpireHandoff>()
        .AddActivity<AssignReferent>()
        .AddActivity<PlanDeadline>();
}
