using MediatR;

namespace Orchestrator.Application.Notifications;

/// <summary>A pathway asked to tell the episode's referent something (NotifyReferent activity).</summary>
public sealed record ReferentNotificationRequested(Guid EpisodeId, string Subject, string? Body) : INotification;
