using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Application.Messaging;
using Orchestrator.Domain.Staff;
using Orchestrator.Persistence;
using Orchestrator.Security;
using Orchestrator.Tests.Support;
using static Orchestrator.Tests.Security.AuthorizationMatrixTests;

namespace Orchestrator.Tests.Security;

/// <summary>
/// Every route the app serves, as its endpoint data source lists them, has an entry here: who reaches it (anonymous and each
/// role, over HTTP), or — for a route that acts on or reads one person — the operation of <see cref="AuthorizationMatrixTests"/>
/// whose rows decide it by relationship. A route added without an entry fails <see cref="Every_route_of_the_app_has_an_entry"/>.
/// </summary>
public sealed class RouteAuthorizationTests(RouteAuthorizationTests.App app) : IClassFixture<RouteAuthorizationTests.App>
{
    /// <summary>The API host with an account for every role.</summary>
    public sealed class App : ApiApp
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var scope = Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
            foreach (var (userName, role) in new[] { ("nurse", StaffRole.Nurse), ("psychiatrist", StaffRole.Psychiatrist) })
            {
                var member = new StaffMember { UserName = userName, DisplayName = userName, Role = role, StructureId = Lhss.Id };
                member.PasswordHash = LocalAccounts.Hash(member, Password);
                db.Staff.Add(member);
                Accounts[userName] = member;
            }
            await db.SaveChangesAsync();
        }
    }

    /// <summary>The columns of a role-level row: anonymous, then the accounts of <see cref="App"/> in the order of <see cref="AuthorizationMatrixTests.Roles"/>.</summary>
    private static readonly string?[] Callers = [null, "admin", "ars", "coordinator", "director", "doctor", "psychiatrist", "nurse", "social-worker", "referent-a"];

    /// <summary>Who reaches a route.</summary>
    public abstract record Access;

    /// <summary>Checked over HTTP for anonymous and each role: <c>Y</c> reaches the handler (any answer but 401, 403 or the sign-in page), <c>-</c> is refused.</summary>
    /// <remarks>A screen refused to a role answers « Page introuvable » (404) rather than confirm it exists; a sign-out answers with the sign-in page.</remarks>
    public sealed record ByRole(string Cells, string? Body = null, string? ContentType = null, bool SignInPageIsTheAnswer = false) : Access;

    /// <summary>Acts on or reads one person: anonymous is refused (checked here), signed-in callers by the matrix rows of these operations.</summary>
    public sealed record ByRelationship(params Operation[] Operations) : Access;

    /// <summary>Framework plumbing that carries no person's data (the Blazor circuit, static files); not requested.</summary>
    public sealed record Infrastructure(string Why) : Access;

    private const string AnySignedIn = "-   Y   Y   Y   Y   Y   Y   Y   Y   Y";
    private const string Everyone = "Y   Y   Y   Y   Y   Y   Y   Y   Y   Y";
    private const string AdministratorOnly = "-   Y   -   -   -   -   -   -   -   -";

    //                                                                                   Anon Adm Ars Crd Dir Doc Psy Nur SW  Ref
    public static readonly Dictionary<string, Access> Routes = new()
    {
        ["GET /api/me"] = new ByRole(AnySignedIn),
        ["POST /api/me/calendar"] = new ByRole(AnySignedIn),
        ["GET /api/activities"] = new ByRole(AnySignedIn),
        ["GET /api/definitions/"] = new ByRole(AnySignedIn),
        ["POST /api/definitions/validate"] = new ByRole(AdministratorOnly, "<x/>", "application/xml"),
        ["POST /api/definitions/"] = new ByRole(AdministratorOnly, "<x/>", "application/xml"),
        ["POST /api/definitions/{key}/publish"] = new ByRole(AdministratorOnly),
        ["GET /api/parameters/{key}"] = new ByRole(AdministratorOnly),
        ["PUT /api/parameters/{key}/{name}"] = new ByRole(AdministratorOnly, "{}"),
        ["DELETE /api/parameters/{key}/{name}"] = new ByRole(AdministratorOnly),
        ["GET /api/admin/mails/"] = new ByRole(AdministratorOnly),
        ["POST /api/admin/mails/{id:guid}/retry"] = new ByRole(AdministratorOnly),
        ["GET /api/staff/"] = new ByRole(                                             "-   -   -   Y   Y   -   -   -   -   -"),
        ["POST /api/staff/{id:guid}/deactivate"] = new ByRole(                        "-   Y   -   Y   Y   -   -   -   -   -"),
        ["PUT /api/staff/deputy-director"] = new ByRole(                              "-   -   -   -   Y   -   -   -   -   -", """{"staffId":null}"""),
        // A referral is recorded by the team of the structure it is addressed to (here the LHSS); an existing person only if readable (ReadRecord).
        ["POST /api/episodes/"] = new ByRole(                                         "-   -   -   Y   Y   Y   Y   Y   Y   -", "REFERRAL"),
        // A fiche alerte is filed by any professional of any structure; administrators and regional viewers do not file.
        ["POST /api/complex-situations"] = new ByRole(                                "-   -   -   Y   Y   Y   Y   Y   Y   Y"),
        // Lists: reached by everyone signed in, filled with the caller's own team's episodes (see AlertInLists in the matrix).
        ["GET /api/episodes/"] = new ByRole(AnySignedIn),
        ["GET /api/tasks/mine"] = new ByRole(AnySignedIn),
        ["GET /api/alerts/"] = new ByRole(AnySignedIn),
        ["GET /api/alerts/board"] = new ByRole(AnySignedIn),
        ["GET /api/tasks/{id:guid}/dates"] = new ByRelationship(Operation.CompleteTask),
        // A task's other ways out (its boundary errors and escalations): the same right as completing it.
        ["GET /api/tasks/{id:guid}/exits"] = new ByRelationship(Operation.CompleteTask),
        ["POST /api/tasks/{id:guid}/error"] = new ByRelationship(Operation.CompleteTask),
        ["POST /api/tasks/{id:guid}/escalation"] = new ByRelationship(Operation.CompleteTask),
        ["GET /api/handoffs/incoming"] = new ByRole(AnySignedIn),
        ["POST /api/handoffs/{id:guid}/accept"] = new ByRole(                         "-   -   -   Y   Y   Y   Y   Y   Y   -"),
        ["POST /api/handoffs/{id:guid}/refuse"] = new ByRole(                         "-   -   -   Y   Y   Y   Y   Y   Y   -", """{"reason":"Pas de place"}"""),
        ["GET /api/structures/occupancy"] = new ByRole(AnySignedIn),
        ["GET /api/indicators"] = new ByRole(                                         "-   Y   Y   Y   Y   -   -   -   -   -"),
        // Asked here for the regional version; a structure's reports (its director and coordinators only) in ReportApiTests.
        ["GET /api/reports/{kind}"] = new ByRole(                                     "-   Y   Y   Y   Y   -   -   -   -   -"),
        // The director of the structure (here the LHSS) writes its report's texts.
        ["PUT /api/reports/{structureId:guid}/{year:int}/texts/{section}"] = new ByRole("-   -   -   -   Y   -   -   -   -   -", """{"text":"Texte"}"""),
        // Recording a recourse acts on the person as a note does: the care team's (CareTeam.EnsureMayActAsync).
        ["POST /api/people/{id:guid}/recourses"] = new ByRelationship(Operation.AddNote),
        // Declaring an interruption acts on the person as a note does: the care team's (CareTeam.EnsureMayActAsync).
        ["POST /api/episodes/{id:guid}/interruption"] = new ByRelationship(Operation.AddNote),
        ["GET /api/people/{id:guid}"] = new ByRelationship(Operation.ReadRecord, Operation.SeeSocialNote, Operation.SeeMedicalNote),
        ["GET /api/people/{id:guid}/identity"] = new ByRelationship(Operation.ReadIdentity),
        // The printed summary is the record as the caller reads it (PrintPathwayQuery reads through GetPersonRecordQuery).
        ["GET /api/people/{id:guid}/synthese.pdf"] = new ByRelationship(Operation.ReadRecord),
        ["POST /api/people/{id:guid}/consents"] = new ByRelationship(Operation.GrantConsent),
        ["POST /api/consents/{id:guid}/revoke"] = new ByRelationship(Operation.RevokeConsent),
        ["POST /api/people/{id:guid}/sharing-objection"] = new ByRelationship(Operation.RecordObjection),
        ["DELETE /api/people/{id:guid}/sharing-objection"] = new ByRelationship(Operation.RecordObjection),
        ["POST /api/episodes/{id:guid}/notes"] = new ByRelationship(Operation.AddNote, Operation.AddMedicalNote),
        ["PUT /api/episodes/{id:guid}/referent"] = new ByRelationship(Operation.ChangeReferent),
        ["POST /api/tasks/{id:guid}/complete"] = new ByRelationship(Operation.CompleteTask),
        ["POST /api/alerts/{id:guid}/acknowledge"] = new ByRelationship(Operation.AcknowledgeAlert),
        ["POST /api/alerts/{id:guid}/resolve"] = new ByRelationship(Operation.AcknowledgeAlert),
        ["GET /calendrier/{token}.ics"] = new ByRole(Everyone), // the secret address is the credential
        ["ANY /health/live"] = new ByRole(Everyone),
        ["ANY /health/ready"] = new ByRole(Everyone),
        ["GET /openapi/{documentName}.json"] = new ByRole(Everyone),
        ["POST /connexion"] = new ByRole(Everyone),
        // Screens: the page itself; what it shows and does goes through the requests above.
        ["GET /connexion"] = new ByRole(Everyone),
        ["GET /"] = new ByRole(AnySignedIn),
        ["GET /introuvable"] = new ByRole(Everyone),
        ["GET /alertes"] = new ByRole(AnySignedIn),
        ["GET /orientations"] = new ByRole(AnySignedIn),
        ["GET /mes-taches"] = new ByRole(AnySignedIn),
        ["GET /occupation"] = new ByRole(AnySignedIn),
        ["GET /equipe"] = new ByRole(AnySignedIn),
        ["GET /indicateurs"] = new ByRole(                                            "-   Y   Y   Y   Y   -   -   -   -   -"),
        ["GET /rapports"] = new ByRole(                                               "-   Y   Y   Y   Y   -   -   -   -   -"),
        ["GET /recherche"] = new ByRelationship(Operation.FindInSearch),
        // The fiche alerte form: every professional of a structure, as its route (FileComplexSituationAlertCommand).
        ["GET /demande-admission"] = new ByRole(                                      "-   -   -   Y   Y   -   -   -   -   -"),
        ["POST /demande-admission"] = new Infrastructure("Blazor form post"),
        ["GET /fiche-alerte"] = new ByRole(                                           "-   -   -   Y   Y   Y   Y   Y   Y   Y"),
        ["POST /fiche-alerte"] = new Infrastructure("Blazor form post"),
        ["POST /recherche"] = new Infrastructure("Blazor form post"),
        ["GET /personnes/{Id:guid}"] = new ByRelationship(Operation.ReadRecord, Operation.ReadIdentity, Operation.SeeSocialNote, Operation.SeeMedicalNote, Operation.SeeMedicalAnswers,
            Operation.AddNote, Operation.AddMedicalNote, Operation.GrantConsent, Operation.RevokeConsent, Operation.RecordObjection),
        ["GET /admin/definitions"] = new ByRole(AdministratorOnly),
        ["GET /admin/definitions/{Key}"] = new ByRole(AdministratorOnly),
        ["GET /admin/instances"] = new ByRole(AdministratorOnly),
        ["GET /admin/instances/{Id:guid}"] = new ByRole(AdministratorOnly),
        ["GET /admin/courriels"] = new ByRole(AdministratorOnly),
        ["GET /admin/parametres/{Key}"] = new ByRole(AdministratorOnly),
        ["POST /admin/parametres/{Key}"] = new Infrastructure("Blazor form post"),
        // Screens post their forms to themselves only through the Blazor circuit; a plain POST is antiforgery-checked.
        ["POST /"] = new Infrastructure("Blazor form post"), ["POST /alertes"] = new Infrastructure("Blazor form post"),
        ["POST /orientations"] = new Infrastructure("Blazor form post"), ["POST /mes-taches"] = new Infrastructure("Blazor form post"),
        ["POST /occupation"] = new Infrastructure("Blazor form post"), ["POST /equipe"] = new Infrastructure("Blazor form post"),
        ["POST /indicateurs"] = new Infrastructure("Blazor form post"), ["POST /introuvable"] = new Infrastructure("Blazor form post"),
        ["POST /rapports"] = new Infrastructure("Blazor form post"),
        ["POST /personnes/{Id:guid}"] = new Infrastructure("Blazor form post"), ["POST /admin/definitions"] = new Infrastructure("Blazor form post"),
        ["POST /admin/definitions/{Key}"] = new Infrastructure("Blazor form post"), ["POST /admin/instances"] = new Infrastructure("Blazor form post"),
        ["POST /admin/instances/{Id:guid}"] = new Infrastructure("Blazor form post"), ["POST /admin/courriels"] = new Infrastructure("Blazor form post"),
        ["GET /_framework/opaque-redirect"] = new Infrastructure("Blazor navigation"),
        ["ANY /_blazor"] = new Infrastructure("Blazor circuit (the signed-in session is checked on connection)"),
        ["ANY /_blazor/negotiate"] = new Infrastructure("Blazor circuit"),
        ["ANY /_blazor/disconnect/"] = new Infrastructure("Blazor circuit"),
        ["ANY /_blazor/initializers/"] = new Infrastructure("Blazor circuit"),
        ["GET {**path:file}"] = new Infrastructure("unknown file: 404"),
        ["HEAD {**path:file}"] = new Infrastructure("unknown file: 404"),
        // Signing out last: it ends the caller's session.
        ["POST /api/auth/logout"] = new ByRole(Everyone),
        ["POST /deconnexion"] = new ByRole(Everyone, SignInPageIsTheAnswer: true),
        // Signing in (as the nurse) last of all: it changes the caller.
        ["POST /api/auth/login"] = new ByRole(Everyone, $$"""{"userName":"nurse","password":"{{ApiApp.Password}}"}"""),
    };

    /// <summary>
    /// Every request a screen or a route sends (the screens' actions): the route whose entry decides it, the matrix operations
    /// that decide it, or — for an action only a screen offers — who may send it (checked through MediatR, one cell per role
    /// of <see cref="AuthorizationMatrixTests.Roles"/>). A new command or query without an entry fails <see cref="Every_request_a_screen_or_route_sends_has_an_entry"/>.
    /// </summary>
    public static readonly Dictionary<string, object> Requests = new()
    {
        ["GetPersonRecordQuery"] = new ByRelationship(Operation.ReadRecord, Operation.SeeSocialNote, Operation.SeeMedicalNote),
        ["GetPersonIdentityQuery"] = new ByRelationship(Operation.ReadIdentity),
        ["AddCareNoteCommand"] = new ByRelationship(Operation.AddNote, Operation.AddMedicalNote),
        ["GrantConsentCommand"] = new ByRelationship(Operation.GrantConsent),
        ["RevokeConsentCommand"] = new ByRelationship(Operation.RevokeConsent),
        ["RecordSharingObjectionCommand"] = new ByRelationship(Operation.RecordObjection),
        ["WithdrawSharingObjectionCommand"] = new ByRelationship(Operation.RecordObjection),
        ["AcknowledgeAlertCommand"] = new ByRelationship(Operation.AcknowledgeAlert),
        ["ResolveAlertCommand"] = new ByRelationship(Operation.AcknowledgeAlert),
        ["CompleteTaskCommand"] = new ByRelationship(Operation.CompleteTask),
        ["ChangeReferentCommand"] = new ByRelationship(Operation.ChangeReferent),
        ["ListAlertsQuery"] = new ByRelationship(Operation.AlertInLists),
        ["AlertBoardQuery"] = new ByRelationship(Operation.AlertInLists),
        ["GetTaskDateWindowsQuery"] = "GET /api/tasks/{id:guid}/dates",
        ["GetTaskExitsQuery"] = "GET /api/tasks/{id:guid}/exits",
        ["TakeTaskExitCommand"] = new ByRelationship(Operation.CompleteTask),
        ["GetPersonHistoryQuery"] = new ByRelationship(Operation.ReadRecord, Operation.SeeMedicalAnswers),
        ["PrintPathwayQuery"] = "GET /api/people/{id:guid}/synthese.pdf",
        ["SearchPeopleQuery"] = new ByRelationship(Operation.FindInSearch),
        // « Cette semaine » reads through ListMyTasksQuery and ListAlertsQuery: the same lists, the same rows.
        ["ThisWeekQuery"] = new ByRelationship(Operation.AlertInLists, Operation.CompleteTask),
        ["ListMyTasksQuery"] = "GET /api/tasks/mine",
        ["ListEpisodesQuery"] = new ByRelationship(Operation.EpisodeInDashboard),
        ["ListIncomingHandoffsQuery"] = "GET /api/handoffs/incoming",
        ["AnswerHandoffCommand"] = "POST /api/handoffs/{id:guid}/accept",
        ["RequestAdmissionCommand"] = "POST /api/episodes/",
        ["FileComplexSituationAlertCommand"] = "POST /api/complex-situations",
        ["ListTeamQuery"] = "GET /api/staff/",
        ["DeactivateStaffMemberCommand"] = "POST /api/staff/{id:guid}/deactivate",
        ["NameDeputyDirectorCommand"] = "PUT /api/staff/deputy-director",
        ["OccupancyQuery"] = "GET /api/structures/occupancy",
        ["RegionalIndicatorsQuery"] = "GET /api/indicators",
        ["BuildReportQuery"] = "GET /api/reports/{kind}",
        ["SaveReportTextCommand"] = "PUT /api/reports/{structureId:guid}/{year:int}/texts/{section}",
        ["RecordCareRecourseCommand"] = new ByRelationship(Operation.AddNote),
        ["InterruptStayCommand"] = new ByRelationship(Operation.AddNote),
        ["AlertMailsQuery"] = "GET /api/admin/mails/",
        ["RetryAlertMailCommand"] = "POST /api/admin/mails/{id:guid}/retry",
        ["SetPathwayParameterCommand"] = "PUT /api/parameters/{key}/{name}",
        ["ClearPathwayParameterCommand"] = "DELETE /api/parameters/{key}/{name}",
        ["GetPathwayParametersQuery"] = "GET /api/parameters/{key}",
        ["IssueCalendarTokenCommand"] = "POST /api/me/calendar",
        //                                                                              Adm Ars Crd Dir Doc Psy Nur SW  Ref
        ["ListStructuresQuery"] = ScreenOnly.Of(() => new Application.Boards.ListStructuresQuery(), "Y   Y   Y   Y   Y   Y   Y   Y   Y"),
        // Lists the reports the caller may read (possibly none): asked by anyone signed in.
        ["AvailableReportsQuery"] = ScreenOnly.Of(() => new Application.Reports.AvailableReportsQuery(), "Y   Y   Y   Y   Y   Y   Y   Y   Y"),
        ["ListInstancesQuery"] = ScreenOnly.Of(() => new Application.Instances.ListInstancesQuery(), "Y   -   -   -   -   -   -   -   -"),
        ["ListStartFailuresQuery"] = ScreenOnly.Of(() => new Application.Instances.ListStartFailuresQuery(), "Y   -   -   -   -   -   -   -   -"),
        ["ListParameterStructuresQuery"] = ScreenOnly.Of(() => new Application.Settings.ListParameterStructuresQuery("lhss"), "Y   -   -   -   -   -   -   -   -"),
        ["InspectInstanceQuery"] = ScreenOnly.Of(() => new Application.Instances.InspectInstanceQuery(Guid.NewGuid()), "Y   -   -   -   -   -   -   -   -"),
        ["RetryIncidentCommand"] = ScreenOnly.Of(() => new Application.Instances.RetryIncidentCommand(Guid.NewGuid()), "Y   -   -   -   -   -   -   -   -"),
        // Sent by the engine's event bridge, never by a person.
        ["ApplyWorkflowEventCommand"] = "workflow events",
    };

    /// <summary>An action only a screen offers, and who may send it.</summary>
    public sealed record ScreenOnly(Func<IServiceScopeFactory, StaffMember, Task> Send, string Cells)
    {
        public static ScreenOnly Of<T>(Func<MediatR.IRequest<T>> request, string cells) => new((scopes, member) => scopes.SendAsAsync(member, request()), cells);
    }

    [Fact]
    public void Every_request_a_screen_or_route_sends_has_an_entry()
    {
        var requests = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MediatR.IRequest<>)))
            .Select(t => t.Name).ToList();

        var withoutEntry = requests.Where(r => !Requests.ContainsKey(r)).ToList();
        Assert.True(withoutEntry.Count == 0, "Requests without an entry in the authorisation table: " + string.Join(", ", withoutEntry));
        Assert.All(Requests.Values.OfType<string>().Where(r => r != "workflow events"), route => Assert.Contains(route, Routes.Keys));
    }

    [Fact]
    public async Task Every_screen_only_action_answers_each_role_as_its_entry_says()
    {
        var failures = new List<string>();
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        foreach (var (name, entry) in Requests)
        {
            if (entry is not ScreenOnly screenOnly) continue;
            var cells = screenOnly.Cells.Where(c => !char.IsWhiteSpace(c)).ToArray();
            for (var i = 0; i < AuthorizationMatrixTests.Roles.Length; i++)
            {
                var reached = true;
                try
                {
                    await screenOnly.Send(scopes, app.Accounts[Callers[i + 1]!]);
                }
                catch (Application.Security.AccessDeniedException) { reached = false; }
                catch (Exception e) when (e is Application.Security.NotFoundException or Orchestrator.Workflows.Engine.WorkflowNotFoundException) { }
                if (reached != (cells[i] == 'Y')) failures.Add($"{name} as {Callers[i + 1]}: expected {cells[i]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The app's routes as "METHOD pattern"; static files (public assets, no person data) are left out.</summary>
    private IReadOnlyList<string> AppRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.All(m => m.GetType().Name != "StaticAssetDescriptor"))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["ANY"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct().ToList();

    [Fact]
    public void Every_route_of_the_app_has_an_entry()
    {
        var routes = AppRoutes();

        var withoutEntry = routes.Where(r => !Routes.ContainsKey(r)).ToList();
        var withoutRoute = Routes.Keys.Where(r => !routes.Contains(r)).ToList();
        Assert.True(withoutEntry.Count == 0, "Routes without an entry in the authorisation table: " + string.Join(", ", withoutEntry));
        Assert.True(withoutRoute.Count == 0, "Entries for routes the app no longer serves: " + string.Join(", ", withoutRoute));
        Assert.All(Routes.Values.OfType<ByRole>(), r => Assert.Equal(Callers.Length, r.Cells.Count(c => !char.IsWhiteSpace(c))));
    }

    [Fact]
    public void Every_route_acting_on_a_person_is_decided_by_rows_of_the_matrix()
    {
        var operations = AllRows().Select(r => r.Operation).ToHashSet();

        Assert.All(Routes.Values.OfType<ByRelationship>(), r => Assert.All(r.Operations, o => Assert.Contains(o, operations)));
        Assert.Equal(Enum.GetValues<Operation>().Except([Operation.AlertInLists, Operation.EpisodeInDashboard]).Order(),
            Routes.Values.OfType<ByRelationship>().SelectMany(r => r.Operations).Distinct().Order());
    }

    [Fact]
    public async Task Every_route_answers_each_role_as_its_entry_says()
    {
        var failures = new List<string>();
        for (var i = 0; i < Callers.Length; i++)
        {
            var client = Callers[i] is { } userName ? await app.SignedInAsync(userName) : app.CreateClient(new() { AllowAutoRedirect = false });
            foreach (var (route, access) in Routes)
            {
                var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
                if (access is Infrastructure) continue;
                if (access is ByRelationship && Callers[i] is not null) continue; // the matrix decides
                var expected = access is ByRole byRole ? byRole.Cells.Where(c => !char.IsWhiteSpace(c)).ElementAt(i) : '-';
                var response = await client.SendAsync(Request(method == "ANY" ? "GET" : method, pattern, access as ByRole));
                var screen = method == "GET" && !pattern.StartsWith("/api/", StringComparison.Ordinal) && !pattern.Contains('.', StringComparison.Ordinal); // a page, not a file or feed
                var reached = response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                    && !(screen && response.StatusCode == HttpStatusCode.NotFound)
                    && (access is ByRole { SignInPageIsTheAnswer: true }
                        || !(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/connexion") == true));
                if (reached != (expected == 'Y')) failures.Add($"{route} as {Callers[i] ?? "anonymous"}: expected {expected}, got {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private HttpRequestMessage Request(string method, string pattern, ByRole? access)
    {
        var path = pattern.Replace("{id:guid}", Guid.NewGuid().ToString()).Replace("{Id:guid}", Guid.NewGuid().ToString())
            .Replace("{key}", "inconnu").Replace("{Key}", "lhss").Replace("{name}", "dipcDeadline").Replace("{token}", "inconnu")
            .Replace("{documentName}", "v1").Replace("{kind}", "regional").Replace("{structureId:guid}", app.Lhss.Id.ToString())
            .Replace("{year:int}", "2026").Replace("{section}", "presentation");
        if (pattern == "/api/parameters/{key}") path = "/api/parameters/lhss";
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        var body = access?.Body == "REFERRAL"
            ? $$"""{"structureId":"{{app.Lhss.Id}}","newPerson":{"pseudonym":"R. M. 1"},"referredBy":"PASS","referral":{"type":"Doctor"} }"""
            : access?.Body ?? (method is "POST" or "PUT" ? "{}" : null);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, access?.ContentType ?? "application/json");
        return request;
    }
}
