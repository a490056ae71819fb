using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Application.Audit;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;

namespace Orchestrator.Application.People;

/// <summary>
/// Finds people among those the caller may read (<see cref="CareTeam.VisiblePersonIds"/>): by pseudonym, and by name
/// (last, first or used name) only for people whose care team the caller is in, since only the care team may know who
/// a pseudonym is (CSP L1110-4). Matching ignores case and accents. Every match on a name is audited
/// (<c>identity.search</c>); the result never carries the name itself, only that it matched.
/// </summary>
/// <param name="Text">What was typed: 2 to 100 characters.</param>
public sealed record SearchPeopleQuery(string Text) : IRequest<IReadOnlyList<PersonSearchResult>>;

/// <summary>A person found: pseudonym, birth year, the structures of their active episodes, and whether the name (not the pseudonym) matched.</summary>
public sealed record PersonSearchResult(Guid PersonId, string Pseudonym, int? BirthYear, IReadOnlyList<string> ActiveIn, bool MatchedOnIdentity);

/// <summary>What <see cref="SearchPeopleQuery"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class SearchPeopleValidator : AbstractValidator<SearchPeopleQuery>
{
    /// <summary>Declares the rules of <see cref="SearchPeopleQuery"/>.</summary>
    public SearchPeopleValidator() => RuleFor(q => q.Text).Must(t => t?.Trim().Length is >= 2 and <= 100)
        .WithMessage("Saisissez de 2 à 100 caractères pour chercher une personne.");
}

/// <summary>Handles <see cref="SearchPeopleQuery"/>: the rules, rights and errors are on the request.</summary>
public sealed class SearchPeopleHandler(OrchestratorDbContext db, CurrentStaff current, CareTeam careTeam, AuditTrail audit)
    : IRequestHandler<SearchPeopleQuery, IReadOnlyList<PersonSearchResult>>
{
    /// <summary>At most this many people are listed; a longer list asks for a more precise search.</summary>
    public const int MaxResults = 30;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<PersonSearchResult>> Handle(SearchPeopleQuery request, CancellationToken cancellationToken)
    {
        var staff = current.Require();
        var wanted = LoginName.Canonical(request.Text);
        var visible = careTeam.VisiblePersonIds(staff);
        var people = await db.People.AsNoTracking().Where(p => visible.Contains(p.Id)).Select(p => new { p.Id, p.Pseudonym, p.BirthYear })
            .ToListAsync(cancellationToken);
        var byPseudonym = people.Where(p => LoginName.Canonical(p.Pseudonym).Contains(wanted, StringComparison.Ordinal)).Select(p => p.Id).ToHashSet();
        var ids = people.Select(p => p.Id).ToList();
        var identities = await db.Identities.AsNoTracking().Where(i => ids.Contains(i.PersonId)).ToListAsync(cancellationToken);
        var byIdentity = new HashSet<Guid>();
        foreach (var identity in identities.Where(i => !byPseudonym.Contains(i.PersonId)
                     && new[] { i.LastName, i.FirstName, i.UsedName }.Any(n => n is not null && LoginName.Canonical(n).Contains(wanted, StringComparison.Ordinal))))
            if (await careTeam.IsInCareTeamAsync(staff, identity.PersonId, cancellationToken))
            {
                byIdentity.Add(identity.PersonId);
                audit.Record("identity.search", identity.PersonId, "recherche par nom");
            }
        var found = people.Where(p => byPseudonym.Contains(p.Id) || byIdentity.Contains(p.Id)).OrderBy(p => p.Pseudonym, StringComparer.Ordinal)
            .Take(MaxResults).ToList();
        var foundIds = found.Select(p => p.Id).ToList();
        var active = await db.Episodes.AsNoTracking().Where(e => foundIds.Contains(e.PersonId) && e.Status == EpisodeStatus.Active)
            .Join(db.Structures, e => e.StructureId, s => s.Id, (e, s) => new { e.PersonId, s.Name }).ToListAsync(cancellationToken);
        if (byIdentity.Count > 0) await db.SaveChangesAsync(cancellationToken);
        return found.Select(p => new PersonSearchResult(p.Id, p.Pseudonym, p.BirthYear,
            active.Where(a => a.PersonId == p.Id).Select(a => a.Name).Distinct().ToList(), byIdentity.Contains(p.Id))).ToList();
    }
}
