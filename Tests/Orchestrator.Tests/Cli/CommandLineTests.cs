using System.CommandLine;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Orchestrator.Cli;

namespace Orchestrator.Tests.Cli;

/// <summary>The host's command line: help for every command, unknown options refused, <c>migrate</c> and its script.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cli-" + Guid.NewGuid().ToString("N"));

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var parsed = OrchestratorCommand.Create(stdout, stderr).Parse(args);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("--help", "migrate")]
    [InlineData("migrate --help", "--script")]
    [InlineData("simulate --help", "--policy <timers-first|users-first>")]
    [InlineData("bench --help", "--quartz-horizon")]
    public async Task Every_command_prints_its_usage_on_help(string args, string expected)
    {
        var (exit, output, _) = await RunAsync(args.Split(' '));
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output);
        Assert.Contains(expected, output);
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--urls")]
    [InlineData("serve")]
    [InlineData("--Orchestrator:DataDirectory")]
    public void The_web_app_refuses_an_option_it_does_not_understand(string arg)
    {
        var stderr = new StringWriter();
        var parsed = OrchestratorCommand.Create(TextWriter.Null, stderr).Parse([arg]);
        Assert.True(OrchestratorCommand.AsksForWebApp(parsed));
        Assert.False(OrchestratorCommand.AcceptsSettings(parsed, "Orchestrator", stderr));
        Assert.Contains("unrecognized option or argument", stderr.ToString());
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:5000", "--Orchestrator:DemoData=false")]
    [InlineData("--environment=Development", "--ConnectionStrings:Postgres", "Host=db")]
    [InlineData("--Security=", "--Security:SignIn=", "--Security:SignIn:PerAddressLimit=100")] // as WebApplicationFactory passes its settings
    public void The_web_app_accepts_host_settings_and_configuration_keys(params string[] args)
    {
        var parsed = OrchestratorCommand.Create(TextWriter.Null, TextWriter.Null).Parse(args);
        Assert.True(OrchestratorCommand.AsksForWebApp(parsed));
        Assert.True(OrchestratorCommand.AcceptsSettings(parsed, "Orchestrator", TextWriter.Null));
    }

    [Fact]
    public async Task The_real_program_exits_with_2_and_starts_nothing_on_an_unknown_option()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Orchestrator.dll"), "--prot", "8080",
            $"--Orchestrator:DataDirectory={_data}"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("'--prot'", errors);
        Assert.DoesNotContain("Exception", errors);
        Assert.False(File.Exists(Path.Combine(_data, "orchestrator.db")), "no database was created");
    }

    [Fact]
    public async Task Migrate_brings_an_empty_database_to_the_latest_schema_then_finds_it_up_to_date()
    {
        var (exit, output, errors) = await RunAsync("migrate", $"--Orchestrator:DataDirectory={_data}");
        Assert.True(exit == 0, errors);
        Assert.Contains("Applied", output);
        Assert.Contains("engine: ", output);
        Assert.Contains("domain: ", output);

        (exit, output, _) = await RunAsync("migrate", $"--Orchestrator:DataDirectory={_data}");
        Assert.Equal(0, exit);
        Assert.Contains("up to date", output);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Migrate_script_prints_idempotent_sql_for_both_contexts_and_changes_nothing()
    {
        var (exit, output, _) = await RunAsync("migrate", "--script", $"--Orchestrator:DataDirectory={_data}");
        Assert.Equal(0, exit);
        Assert.Contains("CREATE TABLE \"wf_instances\"", output);
        Assert.Contains("CREATE TABLE \"episodes\"", output);
        Assert.Contains("__wf_migrations", output);
        Assert.Contains("__orc_migrations", output);
        Assert.False(File.Exists(Path.Combine(_data, "orchestrator.db")) && new FileInfo(Path.Combine(_data, "orchestrator.db")).Length > 8192,
            "the script is printed, not applied");
    }

    [Fact]
    public async Task Migrate_refuses_an_unknown_option_with_exit_code_2()
    {
        var (exit, _, errors) = await RunAsync("migrate", "--scirpt");
        Assert.Equal(2, exit);
        Assert.Contains("'--scirpt'", errors);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }
}
