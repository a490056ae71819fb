using MediatR;

namespace Orchestrator.Application.Alerts;

/// <summary>Published after an alert is committed; the referent's channels (log, mail, live board) listen.</summary>
public sealed record AlertRaised(Guid AlertId) : INotification;
