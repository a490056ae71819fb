using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Activities.Deadlines;
using Orchestrator.Activities.Handoffs;
using Orchestrator.Activities.Milestones;
using Orchestrator.Activities.Notifications;
using Orchestrator.Activities.Referents;
using Orchestrator.Activities.Risks;
using Orchestrator.Workflows.Hosting;

namespace Orchestrator.Activities;

/// <summary>Registration of the activities this library provides to the workflow engine.</summary>
public static class ActivityLibrary
{
    /// <summary>Registers every activity of the library (FlagRisk, RecordMilestone, NotifyReferent, ProposeHandoff, ExpireHandoff, AssignReferent, PlanDeadline) with the engine's catalog.</summary>
    public static IServiceCollection AddActivityLibrary(this IServiceCollection services) => services
        .AddActivity<FlagRisk>()
        .AddActivity<RecordMilestone>()
        .AddActivity<NotifyReferent>()
        .AddActivity<ProposeHandoff>()
        .AddActivity<ExpireHandoff>()
        .AddActivity<AssignReferent>()
        .AddActivity<PlanDeadline>();
}
