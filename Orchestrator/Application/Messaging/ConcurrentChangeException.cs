using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Application.Messaging;

/// <summary>Someone else changed the same thing at the same moment and their change won; nothing of this one was written (409).</summary>
public sealed class ConcurrentChangeException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>What a person reads: the other change won, nothing of theirs was saved.</summary>
    public const string French = "Quelqu'un a modifié cet élément au même moment et sa modification l'a emporté ; rien n'a été enregistré. Rechargez pour voir l'état actuel.";

    /// <summary>
    /// Whether <paramref name="e"/> (or an exception inside it) is a lost race that trying again on the fresh state may win: a row
    /// version another transaction changed, or PostgreSQL aborting one of two transactions that locked the same rows in opposite
    /// orders (40P01, deadlock) or could not be serialized (40001). The one place that decides it, for the 409s and the retries.
    /// </summary>
    public static bool IsLostRace(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is ConcurrentChangeException or DbUpdateConcurrencyException || inner is Npgsql.PostgresException { SqlState: "40P01" or "40001" })
                return true;
        return false;
    }
}
