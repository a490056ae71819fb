using System.Text.RegularExpressions;
using Orchestrator.Application.Security;
using Orchestrator.Domain.Staff;

namespace Orchestrator.Tests.Security;

/// <summary>
/// The authorisation table of task completion: every staff role × every task role of the shipped definitions, for a
/// member of the episode's structure, for the person's referent and for a member of another structure. A task role
/// added to a definition, or a staff role added to the enum, without its row or column here fails the test.
/// </summary>
public sealed partial class DecisionRightsTests
{
    // C = completes, S = supervises (sees it read-only), - = neither.
    private const string Columns = "Administrator Coordinator Director Referent Doctor Nurse SocialWorker RegionalViewer Psychiatrist";

    /// <summary>A member of the episode's structure who does not follow the person.</summary>
    private static readonly Dictionary<string, string> OfTheStructure = new()
    {
        //                 Adm Coo Dir Ref Doc Nur SW  Reg Psy
        ["doctor"] =       "-   S   -   -   C   -   -   -   C",
        ["psychiatrist"] = "-   S   -   -   -   -   -   -   C",
        ["director"] =     "-   S   C   -   -   -   -   -   -",
        ["nurse"] =        "-   S   -   -   -   C   -   -   -",
        ["social-worker"] = "-  S   -   -   -   -   C   -   -",
        ["coordinator"] =  "-   C   -   -   -   -   -   -   -",
        ["referent"] =     "-   C   -   -   -   -   -   -   -",
    };

    /// <summary>The person's referent, member of the episode's structure.</summary>
    private static readonly Dictionary<string, string> FollowingThePerson = new()
    {
        //                 Adm Coo Dir Ref Doc Nur SW  Reg Psy
        ["doctor"] =       "-   S   -   -   C   -   -   -   C",
        ["psychiatrist"] = "-   S   -   -   -   -   -   -   C",
        ["director"] =     "-   S   C   -   -   -   -   -   -",
        ["nurse"] =        "-   S   -   -   -   C   -   -   -",
        ["social-worker"] = "-  S   -   C   -   -   C   -   -",
        ["coordinator"] =  "-   C   -   C   -   -   C   -   -",
        // A task of the referent (confirming an external orientation) goes to whoever follows the person, whatever their function.
        ["referent"] =     "-   C   C   C   C   C   C   -   C",
    };

    private static readonly Guid Structure = Guid.NewGuid();
    private static readonly Guid OtherStructure = Guid.NewGuid();

    public static TheoryData<string> TaskRolesOfShippedDefinitions()
    {
        var data = new TheoryData<string>();
        foreach (var role in ShippedTaskRoles()) data.Add(role);
        return data;
    }

    [Fact]
    public void The_table_has_a_column_for_every_staff_role_and_a_row_for_every_task_role_of_the_shipped_definitions()
    {
        Assert.Equal(Enum.GetNames<StaffRole>(), Columns.Split(' '));
        Assert.Equal(ShippedTaskRoles().Order(), OfTheStructure.Keys.Order());
        Assert.Equal(ShippedTaskRoles().Order(), FollowingThePerson.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(TaskRolesOfShippedDefinitions))]
    public void Each_function_of_the_structure_has_the_right_the_table_gives_it(string taskRole) =>
        AssertRow(taskRole, OfTheStructure[taskRole], (member, _) => member.StructureId = Structure, followsPerson: false);

    [Theory]
    [MemberData(nameof(TaskRolesOfShippedDefinitions))]
    public void The_persons_referent_has_the_right_the_table_gives_their_function(string taskRole) =>
        AssertRow(taskRole, FollowingThePerson[taskRole], (member, _) => member.StructureId = Structure, followsPerson: true);

    [Theory]
    [MemberData(nameof(TaskRolesOfShippedDefinitions))]
    public void Nobody_of_another_structure_completes_or_sees_a_task(string taskRole) =>
        AssertRow(taskRole, "- - - - - - - - -", (member, _) => member.StructureId = OtherStructure, followsPerson: false);

    [Fact]
    public void A_refusal_names_the_function_the_task_is_reserved_to()
    {
        var coordinator = Member(StaffRole.Coordinator, Structure);

        var refusal = Assert.Throws<AccessDeniedException>(() => DecisionRights.EnsureMayComplete(coordinator, "doctor", Structure, null));
        Assert.Equal("Cette tâche est réservée au médecin de la structure.", refusal.Message);
        Assert.Contains("directeur", Assert.Throws<AccessDeniedException>(() =>
            DecisionRights.EnsureMayComplete(Member(StaffRole.Doctor, Structure), "director", Structure, null)).Message);
        Assert.Contains("psychiatre", Assert.Throws<AccessDeniedException>(() =>
            DecisionRights.EnsureMayComplete(Member(StaffRole.Doctor, Structure), "psychiatrist", Structure, null)).Message);
        Assert.Contains("réservée au médecin", Assert.Throws<AccessDeniedException>(() =>
            DecisionRights.EnsureMayComplete(Member(StaffRole.Administrator, null), "doctor", Structure, null)).Message);
        Assert.Equal("réservé au médecin", DecisionRights.Decide(coordinator, "doctor", Structure, null).ReservedLabel);
    }

    private static void AssertRow(string taskRole, string row, Action<StaffMember, StaffRole> place, bool followsPerson)
    {
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var roles = Enum.GetValues<StaffRole>();
        Assert.Equal(roles.Length, cells.Length);
        for (var i = 0; i < roles.Length; i++)
        {
            var member = Member(roles[i], null);
            // Administrators and the regional viewer belong to no structure.
            if (roles[i] is not (StaffRole.Administrator or StaffRole.RegionalViewer)) place(member, roles[i]);
            var expected = cells[i] switch { "C" => TaskRight.Complete, "S" => TaskRight.Supervise, _ => TaskRight.None };
            var decision = DecisionRights.Decide(member, taskRole, Structure, followsPerson ? member.Id : Guid.NewGuid());
            Assert.True(expected == decision.Right, $"{roles[i]} on a {taskRole} task: expected {expected}, got {decision.Right}");
            if (expected == TaskRight.Complete)
                DecisionRights.EnsureMayComplete(member, taskRole, Structure, followsPerson ? member.Id : null);
            else
                Assert.Throws<AccessDeniedException>(() => DecisionRights.EnsureMayComplete(member, taskRole, Structure, followsPerson ? member.Id : null));
        }
    }

    private static StaffMember Member(StaffRole role, Guid? structure) =>
        new() { UserName = role.ToString(), DisplayName = role.ToString(), Role = role, StructureId = structure };

    private static IReadOnlyList<string> ShippedTaskRoles() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflow-definitions"), "*.bpmn")
            .SelectMany(file => TaskRole().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Distinct().ToList();

    [GeneratedRegex("orc:role=\"([^\"]+)\"")]
    private static partial Regex TaskRole();
}
