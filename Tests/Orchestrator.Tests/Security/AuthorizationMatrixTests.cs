using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Alerts;
using Orchestrator.Application.Boards;
using Orchestrator.Application.Consents;
using Orchestrator.Application.Episodes;
using Orchestrator.Application.Handoffs;
using Orchestrator.Application.People;
using Orchestrator.Application.Security;
using Orchestrator.Application.Tasks;
using Orchestrator.Domain.Alerts;
using Orchestrator.Domain.Consents;
using Orchestrator.Domain.Pathways;
using Orchestrator.Domain.Staff;
using Orchestrator.Domain.Structures;
using Orchestrator.Persistence;
using Orchestrator.Tests.Support;
using Orchestrator.Workflows.Engine;

namespace Orchestrator.Tests.Security;

/// <summary>
/// The authorisation matrix: every action on a person (each API route and screen action that reaches one, see
/// <see cref="RouteAuthorizationTests"/> for the routes) × every role × the relationship of the caller's structure to the
/// person. Each row is written out: a cell is <c>Y</c> (allowed), <c>-</c> (refused, or not shown) or <c>.</c> (nothing to
/// act on in that situation). One real pathway per relationship, on a fake clock; the checks go through the same MediatR
/// requests the routes and the screens send.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    /// <summary>The columns of every row, in order.</summary>
    public static readonly StaffRole[] Roles =
    [
        StaffRole.Administrator, StaffRole.RegionalViewer, StaffRole.Coordinator, StaffRole.Director, StaffRole.Doctor,
        StaffRole.Psychiatrist, StaffRole.Nurse, StaffRole.SocialWorker, StaffRole.Referent,
    ];

    /// <summary>The caller's structure's relationship to the person (the caller is a member of that structure with the column's role).</summary>
    public enum Relationship
    {
        /// <summary>The person is admitted to the LHSS; the LHSS referent (role Referent) is their named referent.</summary>
        Follows,
        /// <summary>An active episode in the caller's structure (the LHSS).</summary>
        ActiveHere,
        /// <summary>The caller's structure's episode closed (exit) a day ago: within the read period.</summary>
        ClosedWithinPeriod,
        /// <summary>The caller's structure's episode closed more than three months ago.</summary>
        ClosedAfterPeriod,
        /// <summary>The caller's structure refused the person a day ago.</summary>
        Refused,
        /// <summary>The LHSS proposed the person to the caller's structure (the ACT), which has not answered.</summary>
        ReceivingBeforeAcceptance,
        /// <summary>The caller's structure (the ACT) accepted the LHSS's handoff: it now has an active episode.</summary>
        ReceivingAfterAcceptance,
        /// <summary>The LHSS recorded a social-category consent to the caller's structure (the LAM).</summary>
        ConsentSocial,
        /// <summary>A medical-category consent to the caller's structure.</summary>
        ConsentMedical,
        /// <summary>A consent to the caller's structure that has expired.</summary>
        ConsentExpired,
        /// <summary>A consent to the caller's structure that was revoked.</summary>
        ConsentRevoked,
        /// <summary>A consent to the caller's structure, then the person's objection to sharing.</summary>
        Objection,
        /// <summary>The person is followed by the LHSS only; the caller's structure (the LAM) has nothing to do with them.</summary>
        OtherStructure,
    }

    /// <summary>What is tried.</summary>
    public enum Operation
    {
        /// <summary><c>GET /api/people/{id}</c>, the person page <c>/personnes/{id}</c>.</summary>
        ReadRecord,
        /// <summary><c>GET /api/people/{id}/identity</c>, « Afficher l'identité ».</summary>
        ReadIdentity,
        /// <summary>The LHSS's social note is in the record read.</summary>
        SeeSocialNote,
        /// <summary>The LHSS's medical note is in the record read.</summary>
        SeeMedicalNote,
        /// <summary>The LHSS doctor's answers to the admission opinion are in the record's timeline (<c>GetPersonHistoryQuery</c>).</summary>
        SeeMedicalAnswers,
        /// <summary>The person is found by their pseudonym on <c>/recherche</c> (<c>SearchPeopleQuery</c>).</summary>
        FindInSearch,
        /// <summary><c>POST /api/episodes/{id}/notes</c>, « Enregistrer la note ».</summary>
        AddNote,
        /// <summary>The same with <c>medical: true</c>.</summary>
        AddMedicalNote,
        /// <summary><c>POST /api/people/{id}/consents</c>, the consent form.</summary>
        GrantConsent,
        /// <summary><c>POST /api/consents/{id}/revoke</c>, « Retirer ».</summary>
        RevokeConsent,
        /// <summary><c>POST</c> then <c>DELETE /api/people/{id}/sharing-objection</c>, « Enregistrer son opposition » / « Lever l'opposition ».</summary>
        RecordObjection,
        /// <summary><c>POST /api/alerts/{id}/acknowledge</c> (and <c>resolve</c>, same rule), the risk board's buttons.</summary>
        AcknowledgeAlert,
        /// <summary>The LHSS's alert on the person is in the caller's risk board (<c>GET /api/alerts</c>, <c>/alertes</c>).</summary>
        AlertInLists,
        /// <summary>The person's active episode in the caller's structure is on the caller's dashboard (<c>GET /api/episodes</c>, <c>/</c>).</summary>
        EpisodeInDashboard,
        /// <summary>The person's open task is completed (<c>POST /api/tasks/{id}/complete</c>, « Mes tâches »).</summary>
        CompleteTask,
        /// <summary><c>PUT /api/episodes/{id}/referent</c> on the caller's structure's episode.</summary>
        ChangeReferent,
    }

    private static (Relationship, Operation, string) Row(Relationship r, Operation o, string cells) => (r, o, cells);

    //                                                                        Adm Ars Crd Dir Doc Psy Nur SW  Ref
    public static readonly (Relationship Relationship, Operation Operation, string Cells)[] Matrix =
    [
        Row(Relationship.Follows, Operation.ReadRecord,                         "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.ReadIdentity,                       "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.SeeSocialNote,                      "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.SeeMedicalNote,                     "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.Follows, Operation.SeeMedicalAnswers,                  "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.Follows, Operation.FindInSearch,                       "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.AddNote,                            "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.AddMedicalNote,                     "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.Follows, Operation.GrantConsent,                       "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.RevokeConsent,                      "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.RecordObjection,                    "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.AcknowledgeAlert,                   "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.AlertInLists,                       "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.EpisodeInDashboard,                 "-   -   Y   Y   Y   Y   Y   Y   Y"),
        Row(Relationship.Follows, Operation.CompleteTask,                       "-   -   -   -   -   -   -   Y   Y"),
        Row(Relationship.Follows, Operation.ChangeReferent,                     "-   -   Y   Y   -   -   -   -   -"),

        Row(Relationship.ActiveHere, Operation.ReadRecord,                      "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.ReadIdentity,                    "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.SeeSocialNote,                   "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.SeeMedicalNote,                  "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ActiveHere, Operation.SeeMedicalAnswers,               "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ActiveHere, Operation.FindInSearch,                    "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.AddNote,                         "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.AddMedicalNote,                  "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ActiveHere, Operation.GrantConsent,                    "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.RevokeConsent,                   "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.RecordObjection,                 "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.AcknowledgeAlert,                "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.AlertInLists,                    "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.EpisodeInDashboard,              "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ActiveHere, Operation.CompleteTask,                    "-   -   -   -   -   -   -   Y   -"),
        Row(Relationship.ActiveHere, Operation.ChangeReferent,                  "-   -   Y   Y   -   -   -   -   -"),

        Row(Relationship.ClosedWithinPeriod, Operation.ReadRecord,              "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.ReadIdentity,            "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.SeeSocialNote,           "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.SeeMedicalNote,          "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.SeeMedicalAnswers,       "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.FindInSearch,            "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.AddNote,                 "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.AddMedicalNote,          "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.GrantConsent,            "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.RevokeConsent,           "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.RecordObjection,         "-   -   -   -   -   -   -   -   -"),
        // An alert left on the ended episode is still the team's to settle while it reads the record (it is on their board).
        Row(Relationship.ClosedWithinPeriod, Operation.AcknowledgeAlert,        "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.AlertInLists,            "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.EpisodeInDashboard,      "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedWithinPeriod, Operation.CompleteTask,            ".   .   .   .   .   .   .   .   ."),
        Row(Relationship.ClosedWithinPeriod, Operation.ChangeReferent,          "-   -   -   -   -   -   -   -   -"),

        Row(Relationship.ClosedAfterPeriod, Operation.ReadRecord,               "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.ReadIdentity,             "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.SeeSocialNote,            "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.SeeMedicalNote,           "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.SeeMedicalAnswers,        "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.FindInSearch,             "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.AddNote,                  "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.AddMedicalNote,           "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.GrantConsent,             "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.RevokeConsent,            "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.RecordObjection,          "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.AcknowledgeAlert,         "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.AlertInLists,             "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.EpisodeInDashboard,       "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ClosedAfterPeriod, Operation.CompleteTask,             ".   .   .   .   .   .   .   .   ."),
        Row(Relationship.ClosedAfterPeriod, Operation.ChangeReferent,           "-   -   -   -   -   -   -   -   -"),

        Row(Relationship.Refused, Operation.ReadRecord,                         "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.Refused, Operation.ReadIdentity,                       "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.Refused, Operation.SeeSocialNote,                      "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.Refused, Operation.SeeMedicalNote,                     "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.Refused, Operation.SeeMedicalAnswers,                  "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.Refused, Operation.FindInSearch,                       "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.Refused, Operation.AddNote,                            "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.Refused, Operation.AddMedicalNote,                     "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.Refused, Operation.GrantConsent,                       "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.Refused, Operation.RevokeConsent,                      "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.Refused, Operation.RecordObjection,                    "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.Refused, Operation.AcknowledgeAlert,                   "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.Refused, Operation.AlertInLists,                       "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.Refused, Operation.EpisodeInDashboard,                 "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.Refused, Operation.CompleteTask,                       ".   .   .   .   .   .   .   .   ."),
        Row(Relationship.Refused, Operation.ChangeReferent,                     "-   -   -   -   -   -   -   -   -"),

        Row(Relationship.ReceivingBeforeAcceptance, Operation.ReadRecord,       "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.ReadIdentity,     "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.SeeSocialNote,    "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.SeeMedicalNote,   "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.SeeMedicalAnswers, "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.FindInSearch,     "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.AddNote,          "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.AddMedicalNote,   "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.GrantConsent,     "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.RevokeConsent,    "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.RecordObjection,  "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.AcknowledgeAlert, "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.AlertInLists,     "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.EpisodeInDashboard,"-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.CompleteTask,     ".   .   .   .   .   .   .   .   ."),
        Row(Relationship.ReceivingBeforeAcceptance, Operation.ChangeReferent,   ".   .   .   .   .   .   .   .   ."),

        Row(Relationship.ReceivingAfterAcceptance, Operation.ReadRecord,        "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.ReadIdentity,      "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.SeeSocialNote,     "-   -   Y   Y   Y   Y   Y   Y   -"),
        // The sending structure's medical notes need a medical-category consent, care team or not (CSP L1110-4 III).
        Row(Relationship.ReceivingAfterAcceptance, Operation.SeeMedicalNote,    "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.SeeMedicalAnswers, "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.FindInSearch,      "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.AddNote,           "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.AddMedicalNote,    "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.GrantConsent,      "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.RevokeConsent,     "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.RecordObjection,   "-   -   Y   Y   Y   Y   Y   Y   -"),
        // The sending team's alert is the sending team's to settle: the receiving team follows the person, not that episode.
        Row(Relationship.ReceivingAfterAcceptance, Operation.AcknowledgeAlert,  "-   -   -   -   -   -   -   -   -"),
        // The sending team's alert stays in the sending team's board.
        Row(Relationship.ReceivingAfterAcceptance, Operation.AlertInLists,      "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.EpisodeInDashboard,"-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.CompleteTask,      "-   -   -   -   Y   Y   -   -   -"),
        Row(Relationship.ReceivingAfterAcceptance, Operation.ChangeReferent,    "-   -   Y   Y   -   -   -   -   -"),

        Row(Relationship.ConsentSocial, Operation.ReadRecord,                   "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ConsentSocial, Operation.ReadIdentity,                 "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.SeeSocialNote,                "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ConsentSocial, Operation.SeeMedicalNote,               "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.SeeMedicalAnswers,            "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.FindInSearch,                 "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ConsentSocial, Operation.AddNote,                      "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.AddMedicalNote,               "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.GrantConsent,                 "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.RevokeConsent,                "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.RecordObjection,              "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.AcknowledgeAlert,             "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.AlertInLists,                 "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.EpisodeInDashboard,           "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.CompleteTask,                 "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentSocial, Operation.ChangeReferent,               ".   .   .   .   .   .   .   .   ."),

        Row(Relationship.ConsentMedical, Operation.ReadRecord,                  "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ConsentMedical, Operation.ReadIdentity,                "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.SeeSocialNote,               "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.SeeMedicalNote,              "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ConsentMedical, Operation.SeeMedicalAnswers,           "-   -   -   -   Y   Y   Y   -   -"),
        Row(Relationship.ConsentMedical, Operation.FindInSearch,                "-   -   Y   Y   Y   Y   Y   Y   -"),
        Row(Relationship.ConsentMedical, Operation.AddNote,                     "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.AddMedicalNote,              "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.GrantConsent,                "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.RevokeConsent,               "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.RecordObjection,             "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.AcknowledgeAlert,            "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.AlertInLists,                "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.EpisodeInDashboard,          "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.CompleteTask,                "-   -   -   -   -   -   -   -   -"),
        Row(Relationship.ConsentMedical, Operation.ChangeReferent,              ".   .   .   .   .   .   .   .   ."),
    ];

    /// <summary>The situations in which nothing at all is open to the caller's structure: every cell of every operation is refused.</summary>
    public static readonly Relationship[] Closed =
        [Relationship.ConsentExpired, Relationship.ConsentRevoked, Relationship.Objection, Relationship.OtherStructure];

    /// <summary>The full matrix: the rows above, and a refusal in every cell for the closed situations (no task there to complete, no episode to name a referent on).</summary>
    public static IEnumerable<(Relationship Relationship, Operation Operation, string Cells)> AllRows() =>
        Matrix.Concat(Closed.SelectMany(r => Enum.GetValues<Operation>().Select(o => (r, o,
            o == Operation.ChangeReferent ? ".   .   .   .   .   .   .   .   ." : "-   -   -   -   -   -   -   -   -"))));

    [Fact]
    public void The_matrix_has_one_row_per_relationship_and_operation_and_one_cell_per_role()
    {
        var rows = AllRows().ToList();
        foreach (var relationship in Enum.GetValues<Relationship>())
            foreach (var operation in Enum.GetValues<Operation>())
                Assert.Single(rows, r => r.Relationship == relationship && r.Operation == operation);
        Assert.All(rows, r => Assert.Equal(Roles.Length, Cells(r.Cells).Length));
    }

    [Fact]
    public async Task Every_cell_of_the_matrix_holds()
    {
        await using var world = await World.CreateAsync();
        var failures = new List<string>();
        foreach (var (relationship, operation, cells) in AllRows())
        {
            var expected = Cells(cells);
            for (var i = 0; i < Roles.Length; i++)
            {
                var actual = await world.TryAsync(relationship, operation, Roles[i]);
                if (actual != expected[i]) failures.Add($"{relationship} × {operation} × {Roles[i]}: expected {expected[i]}, got {actual}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static char[] Cells(string cells) => cells.Where(c => !char.IsWhiteSpace(c)).ToArray();

    /// <summary>One person per relationship, their pathways really run, and a member of every role in the structures involved.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly PathwayHarness _h;
        private readonly Dictionary<Relationship, (Guid Person, Guid LhssEpisode, DeviceType Viewer)> _cases = new();
        private readonly Dictionary<(DeviceType, StaffRole), StaffMember> _extra = new();
        private StaffMember _administrator = null!, _regionalViewer = null!;
        private const string SocialNote = "Hébergé chez un ami le week-end", MedicalNote = "Traitement antirétroviral repris";

        private World(PathwayHarness h) => _h = h;

        public static async Task<World> CreateAsync()
        {
            var world = new World(await PathwayHarness.CreateAsync());
            await world.BuildAsync();
            return world;
        }

        private StaffMember Member(DeviceType structure, StaffRole role) => role switch
        {
            StaffRole.Administrator => _administrator,
            StaffRole.RegionalViewer => _regionalViewer,
            StaffRole.Referent or StaffRole.Psychiatrist when _extra.TryGetValue((structure, role), out var m) => m,
            _ => _h.Staff(structure, role),
        };

        private async Task BuildAsync()
        {
            await using (var scope = _h.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
                foreach (var structure in new[] { DeviceType.Lhss, DeviceType.Act, DeviceType.Lam })
                    foreach (var role in new[] { StaffRole.Referent, StaffRole.Psychiatrist })
                    {
                        var member = new StaffMember { UserName = $"{structure}-{role}-m".ToLowerInvariant(), DisplayName = $"{role} {structure}", Role = role, StructureId = _h.Structures[structure].Id };
                        db.Staff.Add(member);
                        _extra[(structure, role)] = member;
                    }
                _regionalViewer = new StaffMember { UserName = "ars-m", DisplayName = "ARS", Role = StaffRole.RegionalViewer };
                db.Staff.Add(_regionalViewer);
                await db.SaveChangesAsync();
            }
            _administrator = await _h.AdministratorAsync();

            // Closed more than three months ago: the first, then the clock moves on.
            _cases[Relationship.ClosedAfterPeriod] = await ClosedAsync();
            await _h.AdvanceAsync(TimeSpan.FromDays(100));

            _cases[Relationship.Follows] = await AdmittedAsync(DeviceType.Lhss);
            await _h.SendAsync(new ChangeReferentCommand(_cases[Relationship.Follows].LhssEpisode, Member(DeviceType.Lhss, StaffRole.Referent).Id), _h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
            _cases[Relationship.ActiveHere] = await AdmittedAsync(DeviceType.Lhss);
            _cases[Relationship.ClosedWithinPeriod] = await ClosedAsync();
            _cases[Relationship.Refused] = await RefusedAsync();
            _cases[Relationship.ReceivingBeforeAcceptance] = await ProposedToActAsync();
            var accepted = await ProposedToActAsync();
            var handoff = (await _h.HandoffsAsync(accepted.LhssEpisode)).Single();
            await _h.SendAsync(new AnswerHandoffCommand(handoff.Id, true, null), _h.Staff(DeviceType.Act, StaffRole.Director));
            var actEpisode = (await _h.EpisodesOfPersonAsync(accepted.Person)).Single(e => e.DeviceType == DeviceType.Act);
            await _h.SendAsync(new ChangeReferentCommand(actEpisode.Id, _h.Staff(DeviceType.Act, StaffRole.SocialWorker).Id), _h.Staff(DeviceType.Act, StaffRole.Coordinator));
            _cases[Relationship.ReceivingAfterAcceptance] = accepted;

            _cases[Relationship.ConsentSocial] = await WithConsentAsync(["social"]);
            _cases[Relationship.ConsentMedical] = await WithConsentAsync(["medical"]);
            _cases[Relationship.ConsentExpired] = await WithConsentAsync(["social", "medical"], _h.Clock.GetUtcNow().AddHours(1));
            var revoked = await WithConsentAsync(["social", "medical"]);
            await using (var scope = _h.Services.CreateAsyncScope())
            {
                var consent = await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Consents.SingleAsync(c => c.PersonId == revoked.Person);
                await _h.SendAsync(new RevokeConsentCommand(consent.Id), _h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
            }
            _cases[Relationship.ConsentRevoked] = revoked;
            var objecting = await WithConsentAsync(["social", "medical"]);
            await _h.SendAsync(new RecordSharingObjectionCommand(objecting.Person), _h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));
            _cases[Relationship.Objection] = objecting;
            _cases[Relationship.OtherStructure] = await AdmittedAsync(DeviceType.Lam);

            _h.Clock.Advance(TimeSpan.FromDays(1)); // the expired consent's end has passed; the closed and refused episodes ended a day ago
        }

        /// <summary>A new person referred to the LHSS, with a social and a medical note and an open alert of the LHSS team.</summary>
        private async Task<(Guid Person, Guid LhssEpisode)> ReferredAsync()
        {
            var episode = await _h.ReferAsync(DeviceType.Lhss);
            await _h.SendAsync(new AddCareNoteCommand(episode, SocialNote, false), _h.Staff(DeviceType.Lhss, StaffRole.SocialWorker));
            await _h.SendAsync(new AddCareNoteCommand(episode, MedicalNote, true), _h.Staff(DeviceType.Lhss, StaffRole.Doctor));
            var person = (await _h.EpisodeAsync(episode)).PersonId;
            await AlertAsync(person, episode);
            return (person, episode);
        }

        private async Task<Guid> AlertAsync(Guid person, Guid episode)
        {
            await using var scope = _h.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var alert = db.Alerts.Add(new Alert
            {
                EpisodeId = episode, PersonId = person, StructureId = _h.Structures[DeviceType.Lhss].Id, Type = "dipc-late", Severity = "medium",
                RaisedAt = _h.Clock.GetUtcNow(), DueAt = _h.Clock.GetUtcNow().AddDays(2),
            }).Entity;
            await db.SaveChangesAsync();
            return alert.Id;
        }

        private async Task<(Guid Person, Guid LhssEpisode, DeviceType Viewer)> AdmittedAsync(DeviceType viewer)
        {
            var (person, episode) = await ReferredAsync();
            await _h.CompleteAsync(episode, "medicalOpinion", _h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = false, ["opinion"] = "favourable" });
            await _h.CompleteAsync(episode, "directorDecision", _h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "admit" });
            // The pathway names the least-loaded referent; the matrix names the social worker, so that only Follows has the Referent follow.
            await _h.SendAsync(new ChangeReferentCommand(episode, _h.Staff(DeviceType.Lhss, StaffRole.SocialWorker).Id), _h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
            return (person, episode, viewer);
        }

        private async Task<(Guid Person, Guid LhssEpisode, DeviceType Viewer)> ClosedAsync()
        {
            var (person, episode, _) = await AdmittedAsync(DeviceType.Lhss);
            // A death is its own exit: the episode closes with no orientation to seek.
            await _h.CompleteAsync(episode, "exitDecision", _h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "death" });
            Assert.Equal(EpisodeStatus.Closed, (await _h.EpisodeAsync(episode)).Status);
            return (person, episode, DeviceType.Lhss);
        }

        private async Task<(Guid Person, Guid LhssEpisode, DeviceType Viewer)> RefusedAsync()
        {
            var (person, episode) = await ReferredAsync();
            await _h.CompleteAsync(episode, "medicalOpinion", _h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["hospitalCareNeeded"] = true, ["opinion"] = "unfavourable" });
            await _h.CompleteAsync(episode, "directorDecision", _h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["decision"] = "refuse" });
            await _h.CompleteAsync(episode, "refusalReason", _h.Staff(DeviceType.Lhss, StaffRole.Director), new() { ["refusalReason"] = "hospital-care", ["refusalDetail"] = "Relève de soins hospitaliers" });
            Assert.Equal(EpisodeStatus.NotAdmitted, (await _h.EpisodeAsync(episode)).Status);
            return (person, episode, DeviceType.Lhss);
        }

        private async Task<(Guid Person, Guid LhssEpisode, DeviceType Viewer)> ProposedToActAsync()
        {
            var (person, episode, _) = await AdmittedAsync(DeviceType.Act);
            await _h.CompleteAsync(episode, "exitDecision", _h.Staff(DeviceType.Lhss, StaffRole.Doctor), new() { ["exitType"] = "planned" });
            await _h.CompleteAsync(episode, "exitOrientation", _h.Staff(DeviceType.Lhss, StaffRole.SocialWorker), new() { ["destination"] = "ACT" });
            Assert.Single(await _h.HandoffsAsync(episode));
            return (person, episode, DeviceType.Act);
        }

        private async Task<(Guid Person, Guid LhssEpisode, DeviceType Viewer)> WithConsentAsync(string[] categories, DateTimeOffset? expiresAt = null)
        {
            var (person, episode, _) = await AdmittedAsync(DeviceType.Lam);
            await _h.SendAsync(new GrantConsentCommand(person, _h.Structures[DeviceType.Lam].Id, "Préparer une orientation", categories, expiresAt),
                _h.Staff(DeviceType.Lhss, StaffRole.Coordinator));
            return (person, episode, DeviceType.Lam);
        }

        /// <summary>Tries the operation as the role's member of the relationship's structure: 'Y' allowed, '-' refused or not shown, '.' nothing to act on.</summary>
        public async Task<char> TryAsync(Relationship relationship, Operation operation, StaffRole role)
        {
            var (person, lhssEpisode, viewer) = _cases[relationship];
            var actor = Member(viewer, role);
            var ownEpisode = (await _h.EpisodesOfPersonAsync(person)).Where(e => e.StructureId == _h.Structures[viewer].Id).OrderBy(e => e.RequestedAt).LastOrDefault();
            switch (operation)
            {
                case Operation.ReadRecord: return await Allowed(() => _h.SendAsync(new GetPersonRecordQuery(person), actor));
                case Operation.ReadIdentity: return await Allowed(() => _h.SendAsync(new GetPersonIdentityQuery(person), actor));
                case Operation.SeeSocialNote: return await Shows(person, actor, SocialNote);
                case Operation.SeeMedicalNote: return await Shows(person, actor, MedicalNote);
                case Operation.SeeMedicalAnswers:
                    try
                    {
                        var history = await _h.SendAsync(new GetPersonHistoryQuery(person), actor);
                        return history.Any(t => t.Name == "Avis du médecin responsable" && t.Answers.Count > 0) ? 'Y' : '-';
                    }
                    catch (AccessDeniedException)
                    {
                        return '-';
                    }
                case Operation.FindInSearch:
                    var pseudonym = await PseudonymAsync(person);
                    return (await _h.SendAsync(new SearchPeopleQuery(pseudonym), actor)).Any(p => p.PersonId == person) ? 'Y' : '-';
                case Operation.AddNote: return await Allowed(() => _h.SendAsync(new AddCareNoteCommand(ownEpisode?.Id ?? lhssEpisode, "Passage", false), actor));
                case Operation.AddMedicalNote: return await Allowed(() => _h.SendAsync(new AddCareNoteCommand(ownEpisode?.Id ?? lhssEpisode, "Constantes", true), actor));
                case Operation.GrantConsent:
                    return await Allowed(() => _h.SendAsync(new GrantConsentCommand(person, _h.Structures[DeviceType.Siao].Id, "Hébergement", ["social"]), actor));
                case Operation.RevokeConsent:
                    var consent = await ConsentToRevokeAsync(person);
                    return await Allowed(() => _h.SendAsync(new RevokeConsentCommand(consent), actor));
                case Operation.RecordObjection:
                    var objected = await Allowed(() => _h.SendAsync(new RecordSharingObjectionCommand(person), actor));
                    if (objected == 'Y') Assert.Equal('Y', await Allowed(() => _h.SendAsync(new WithdrawSharingObjectionCommand(person), actor)));
                    return objected;
                case Operation.AcknowledgeAlert:
                    var alert = await AlertAsync(person, lhssEpisode);
                    return await Allowed(() => _h.SendAsync(new AcknowledgeAlertCommand(alert), actor));
                case Operation.AlertInLists:
                    var board = await _h.SendAsync(new ListAlertsQuery(), actor);
                    var inList = board.Any(a => a.PersonId == person);
                    // The paged risk board the screen reads must agree with the list, row for row ('!' fails the cell).
                    var paged = await _h.SendAsync(new AlertBoardQuery(PageSize: 200), actor);
                    return inList != paged.Items.Any(a => a.PersonId == person) ? '!' : inList ? 'Y' : '-';
                case Operation.EpisodeInDashboard:
                    var dashboard = await _h.SendAsync(new ListEpisodesQuery(PageSize: 200), actor);
                    return dashboard.Items.Any(e => e.PersonId == person) ? 'Y' : '-';
                case Operation.CompleteTask:
                    var task = (await OpenTasksOfAsync(person)).FirstOrDefault();
                    if (task is null) return '.';
                    // No values: a caller the rule lets through gets the form's refusal, so nothing is completed either way.
                    var completes = await Allowed(() => _h.SendAsync(new CompleteTaskCommand(task.Id, new Dictionary<string, object?>()), actor), passed: typeof(TaskInputException));
                    // The dates a form offers are read under the same right as its completion ('!' fails the cell).
                    var windows = await Allowed(() => _h.SendAsync(new GetTaskDateWindowsQuery(task.Id), actor));
                    return completes == windows ? completes : '!';
                case Operation.ChangeReferent:
                    if (ownEpisode is null) return '.';
                    var referent = ownEpisode.ReferentId ?? _h.Staff(viewer, StaffRole.SocialWorker).Id;
                    return await Allowed(() => _h.SendAsync(new ChangeReferentCommand(ownEpisode.Id, referent), actor));
                default: throw new ArgumentOutOfRangeException(nameof(operation));
            }
        }

        private async Task<List<Orchestrator.Workflows.Persistence.HumanTaskRecord>> OpenTasksOfAsync(Guid person)
        {
            var tasks = new List<Orchestrator.Workflows.Persistence.HumanTaskRecord>();
            foreach (var episode in (await _h.EpisodesOfPersonAsync(person)).OrderByDescending(e => e.RequestedAt))
                tasks.AddRange((await _h.OpenTasksAsync(episode.Id)).OrderBy(t => t.ElementId switch { "medicalAssessment" => 0, PersonRights.InformationTaskId => 1, _ => 2 }));
            return tasks;
        }

        private async Task<string> PseudonymAsync(Guid person)
        {
            await using var scope = _h.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().People.Where(p => p.Id == person).Select(p => p.Pseudonym).SingleAsync();
        }

        private async Task<Guid> ConsentToRevokeAsync(Guid person)
        {
            await using var scope = _h.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            var consent = db.Consents.Add(new Consent
            {
                PersonId = person, RecipientStructureId = _h.Structures[DeviceType.Siao].Id, Purpose = "Hébergement", Social = true,
                GrantedAt = _h.Clock.GetUtcNow(), ExpiresAt = _h.Clock.GetUtcNow().AddMonths(12),
            }).Entity;
            await db.SaveChangesAsync();
            return consent.Id;
        }

        private async Task<char> Shows(Guid person, StaffMember actor, string note)
        {
            try
            {
                return (await _h.SendAsync(new GetPersonRecordQuery(person), actor)).Notes.Any(n => n.Text == note) ? 'Y' : '-';
            }
            catch (AccessDeniedException)
            {
                return '-';
            }
        }

        private static async Task<char> Allowed<T>(Func<Task<T>> action, Type? passed = null)
        {
            try
            {
                await action();
                return 'Y';
            }
            catch (AccessDeniedException)
            {
                return '-';
            }
            catch (Exception e) when (passed is not null && passed.IsInstanceOfType(e))
            {
                return 'Y';
            }
        }

        public ValueTask DisposeAsync() => _h.DisposeAsync();
    }
}
