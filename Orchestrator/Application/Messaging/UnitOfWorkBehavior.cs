using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;

namespace Orchestrator.Application.Messaging;

/// <summary>
/// Commits a command's changes in one SaveChanges, then publishes what it queued. A handler that throws
/// commits nothing; a notification handler that throws cannot undo the commit, so each one logs its own failures.
/// </summary>
public sealed class UnitOfWorkBehavior<TRequest, TResponse>(OrchestratorDbContext db, PostCommitNotifications notifications, IMediator mediator)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <inheritdoc/>
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next();
        if (request is not ICommand<TResponse>) return response;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        // Two transitions that read the same state: the row version, or the outbox's one row per owed work, lets one commit.
        // On PostgreSQL, two transactions that locked the same rows in opposite orders: one is aborted (deadlock), also a lost race.
        catch (Exception e) when (ConcurrentChangeException.IsLostRace(e) || (e is DbUpdateException u && (UniqueIndexViolated(u, "IX_domain_outbox_Kind_SubjectId", "domain_outbox", "Kind", "SubjectId")
            || UniqueIndexViolated(u, "IX_handoff_refusals_HandoffId_StructureId", "handoff_refusals", "HandoffId", "StructureId"))))
        {
            throw new ConcurrentChangeException(ConcurrentChangeException.French, e);
        }
        catch (DbUpdateException e) when (UniqueIndexViolated(e, OrchestratorDbContext.OneActiveEpisodePerStructure, "episodes", "PersonId", "StructureId"))
        {
            throw new Domain.DomainException("Cette personne a déjà un épisode en cours dans cette structure.");
        }
        foreach (var notification in notifications.TakeAll())
            await mediator.Publish(notification, cancellationToken);
        return response;
    }

    /// <summary>
    /// Whether the database refused the save because of the unique index <paramref name="index"/> of <paramref name="table"/> on
    /// <paramref name="columns"/>: PostgreSQL names the index, SQLite names the columns.
    /// </summary>
    internal static bool UniqueIndexViolated(DbUpdateException e, string index, string table, params string[] columns) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == "23505" && pg.ConstraintName == index,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19
            && sqlite.Message.Contains("UNIQUE constraint failed: " + string.Join(", ", columns.Select(c => $"{table}.{c}")), StringComparison.Ordinal),
        _ => false,
    };
}
