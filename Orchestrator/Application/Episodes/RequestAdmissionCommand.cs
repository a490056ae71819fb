using FluentValidation;
using Orchestrator.Application.Messaging;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.People;

namespace Orchestrator.Application.Episodes;

/// <summary>
/// A referral to a structure: creates the person when new (pseudonym plus optional identity), opens or
/// continues their pathway, and starts the structure's pathway definition for a new episode. <see cref="Pathology"/> and
/// <see cref="HousingBeforeEntry"/> are the optional coded entry profile the ACT report counts.
/// </summary>
public sealed record RequestAdmissionCommand(
    Guid StructureId,
    Guid? PersonId,
    NewPerson? NewPerson,
    string? ReferredBy,
    IReadOnlyDictionary<string, object?>? Variables = null,
    PathologyCategory? Pathology = null,
    HousingSituation? HousingBeforeEntry = null) : ICommand<AdmissionRequested>
{
    /// <summary>
    /// An accepted orientation to a structure that runs no pathway of its own: its episode follows the light
    /// <see cref="AccompanimentDefinition"/> (arrival confirmed, then periodic reviews), so the person is on the receiving team's screens.
    /// </summary>
    public bool Accompaniment { get; init; }

    /// <summary>
    /// Who orients the person and the conditions the law puts on it (<see cref="ReferralRules"/>): required for LHSS, LAM,
    /// ACT, ACT UCSD and ESSIP, checked against the receiving device; an unlawful referral is a 400 on <c>referral.*</c>.
    /// </summary>
    public Referral? Referral { get; init; }

    /// <summary>The definition key of the light accompaniment pathway.</summary>
    public const string AccompanimentDefinition = "accompagnement";
}

/// <summary>A person not yet known, created with the referral.</summary>
/// <param name="Pseudonym">What screens will show (initials and a number, never the name).</param>
/// <param name="BirthYear">The year of birth (1900 to 2100); null when unknown.</param>
/// <param name="Sex">« F », « M », or null when not recorded.</param>
/// <param name="LastName">Birth name for the civil identity; null when unknown.</param>
/// <param name="FirstName">First name; null when unknown.</param>
/// <param name="BirthDate">Date of birth (calendar date); null when unknown.</param>
public sealed record NewPerson(string Pseudonym, int? BirthYear, string? Sex, string? LastName, string? FirstName, DateOnly? BirthDate);

/// <summary>What a referral opened.</summary>
/// <param name="EpisodeId">The new episode.</param>
/// <param name="PersonId">The person, new or existing.</param>
/// <param name="InstanceId">The workflow instance that drives the episode.</param>
public sealed record AdmissionRequested(Guid EpisodeId, Guid PersonId, Guid InstanceId);

/// <summary>What <see cref="RequestAdmissionCommand"/> must hold before it runs; a value at fault is refused with a 400 naming its field, and nothing runs.</summary>
public sealed class RequestAdmissionValidator : AbstractValidator<RequestAdmissionCommand>
{
    /// <summary>The longest last or first name kept, in characters.</summary>
    public const int NameMaxLength = 100;

    /// <summary>Declares the rules of <see cref="RequestAdmissionCommand"/>.</summary>
    public RequestAdmissionValidator(TimeProvider clock)
    {
        RuleFor(c => c.StructureId).NotEmpty().OverridePropertyName("structureId").WithMessage("La structure est obligatoire.");
        RuleFor(c => c).Must(c => (c.PersonId is null) != (c.NewPerson is null))
            .OverridePropertyName("person").WithMessage("Indiquer soit une personne existante, soit une nouvelle personne.");
        RuleFor(c => c.NewPerson!).Custom((person, context) =>
            {
                if (PseudonymRule.Problem(person.Pseudonym, person.LastName, person.FirstName) is { } problem) context.AddFailure("newPerson.pseudonym", problem);
            }).When(c => c.NewPerson is not null);
        RuleFor(c => c.NewPerson!.BirthYear).Must(year => Person.IsPlausibleBirthYear(year!.Value)).When(c => c.NewPerson?.BirthYear is not null)
            .OverridePropertyName("newPerson.birthYear").WithMessage(Person.BirthYearRefusal);
        RuleFor(c => c.ReferredBy).MaximumLength(200).OverridePropertyName("referredBy").WithMessage("Qui oriente : 200 caractères au plus.");
        RuleFor(c => c.NewPerson!.Sex).Must(Person.IsRecordedSex).When(c => c.NewPerson is not null)
            .OverridePropertyName("newPerson.sex").WithMessage(Person.SexRefusal);
        RuleFor(c => c.NewPerson!.LastName).MaximumLength(NameMaxLength).When(c => c.NewPerson is not null)
            .OverridePropertyName("newPerson.lastName").WithMessage($"Le nom compte au plus {NameMaxLength} caractères.");
        RuleFor(c => c.NewPerson!.FirstName).MaximumLength(NameMaxLength).When(c => c.NewPerson is not null)
            .OverridePropertyName("newPerson.firstName").WithMessage($"Le prénom compte au plus {NameMaxLength} caractères.");
        RuleFor(c => c.NewPerson!.BirthDate).Must((c, date) => date!.Value.Year == c.NewPerson!.BirthYear)
            .When(c => c.NewPerson is { BirthDate: not null, BirthYear: not null })
            .OverridePropertyName("newPerson.birthDate").WithMessage("La date de naissance ne correspond pas à l'année de naissance indiquée.");
        RuleFor(c => c.NewPerson!.BirthDate).Must(date => date!.Value.Year >= 1900 && date.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .When(c => c.NewPerson?.BirthDate is not null)
            .OverridePropertyName("newPerson.birthDate").WithMessage("Date de naissance invalide : entre 1900 et aujourd'hui.");
        RuleFor(c => c.Pathology).IsInEnum().OverridePropertyName("pathology").WithMessage("Catégorie de pathologie inconnue.");
        RuleFor(c => c.Referral!.Type).IsInEnum().When(c => c.Referral is not null)
            .OverridePropertyName("referral.type").WithMessage("Type d'orienteur inconnu.");
        RuleFor(c => c.HousingBeforeEntry).IsInEnum().OverridePropertyName("housingBeforeEntry").WithMessage("Situation de logement inconnue.");
    }
}
