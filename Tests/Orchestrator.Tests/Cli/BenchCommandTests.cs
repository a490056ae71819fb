using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task An_invalid_file_exits_with_2_and_lists_its_problems_like_simulate_does()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bench-invalid-{Guid.NewGuid():N}.bpmn");
        await File.WriteAllTextAsync(file, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn"))
            .Replace("<bpmn:userTask id=\"medicalOpinion\"", "<bpmn:scriptTask id=\"medicalOpinion\"").Replace("orc:role=\"doctor\" orc:dueIn=\"PT48H\" />", "><bpmn:script>decide()</bpmn:script></bpmn:scriptTask>"));
        try
        {
            var stderr = new StringWriter();
            Assert.Equal(2, await BenchCommand.RunAsync([file, "--instances", "10"], new StringWriter(), stderr));
            Assert.Contains("scriptTask 'medicalOpinion'", stderr.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Steps_the_engine_refuses_are_reported_as_incidents_and_exit_1_without_a_stack_trace()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var file = Path.Combine(AppContext.BaseDirectory, "cases", "engine", "BH-02b-condition-non-boolean.bpmn");

        var exit = await BenchCommand.RunAsync([file, "--instances", "3", "--warm-up", "0", "--workers", "1", "--var", "urgent=non"], stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Contains("incidents                3 refused steps, 0 open incidents", stdout.ToString());
        Assert.Contains("bench: incident: start: exclusiveGateway 'urgentQ': the condition ${urgent} of flow 'toUrgent' cannot be decided", stderr.ToString());
        Assert.DoesNotContain("   at ", stdout.ToString() + stderr);
    }

    [Fact]
    public async Task A_missing_file_exits_with_2()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await BenchCommand.RunAsync(["no-such.bpmn"], new StringWriter(), stderr));
        Assert.Contains("no such file", stderr.ToString());
    }

    [Fact]
    public async Task A_small_run_completes_every_instance_and_reports_each_figure()
    {
        var stdout = new StringWriter();
        var exit = await BenchCommand.RunAsync([BenchFile, "--instances", "20", "--warm-up", "5", "--workers", "3"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var report = stdout.ToString();
        Assert.Contains("20 started, 40 user tasks completed, 20 ended, 3 concurrent callers", report);
        Assert.Contains("quartz triggers          0 while the instances waited", report); // 48 h and 7 d away: beyond the horizon
        foreach (var figure in new[] { "instances/s", "starts/s", "steps/s", "peak memory", "db bytes/waiting inst.", "host bytes/waiting inst." })
            Assert.Matches($@"(?m)^{System.Text.RegularExpressions.Regex.Escape(figure)}\s+\d+", report);
    }

    [Fact]
    public async Task With_a_long_horizon_the_waiting_timers_are_in_Quartz()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, await BenchCommand.RunAsync([BenchFile, "--instances", "10", "--warm-up", "0", "--quartz-horizon", "P30D"], stdout, new StringWriter()));
        Assert.Contains("quartz triggers          10 while the instances waited", stdout.ToString());
    }

    [Orchestrator.Workflows.Tests.Support.PostgresFact]
    public async Task On_PostgreSQL_it_runs_on_a_fresh_database_and_drops_it_afterwards()
    {
        var server = Orchestrator.Workflows.Tests.Support.TestPostgres.ServerConnectionString!;
        var stdout = new StringWriter();
        Assert.Equal(0, await BenchCommand.RunAsync([BenchFile, "--instances", "10", "--warm-up", "0", "--postgres", server], stdout, new StringWriter()));
        Assert.Contains("10 started, 20 user tasks completed, 10 ended", stdout.ToString());
        Assert.Contains("persisted on PostgreSQL", stdout.ToString());

        await using var connection = new Npgsql.NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var leftovers = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname LIKE 'orchestrator_bench_%'", connection);
        Assert.Equal(0L, await leftovers.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("--workers", "0")]
    [InlineData("--warm-up", "-1")]
    [InlineData("--quartz-horizon", "one hour")]
    public async Task A_bad_option_exits_with_2_and_says_why(string option, string value)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await BenchCommand.RunAsync([BenchFile, option, value], new StringWriter(), stderr));
        Assert.Contains("bench --help", stderr.ToString());
    }

    private static string BenchFile => Path.Combine(AppContext.BaseDirectory, "bench", "admission.bpmn");
}
