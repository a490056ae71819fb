using MediatR;

namespace Orchestrator.Application.Pathways;

/// <summary>Published after any workflow event has been applied to an episode: open screens reload.</summary>
public sealed record PathwayChanged(Guid EpisodeId) : INotification;
