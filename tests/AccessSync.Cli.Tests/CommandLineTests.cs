using System.Text.Json;
using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>The command line's contract: help, usage errors, logging, scope options.</summary>
public class CommandLineTests
{
    private static string Root => RepositoryPaths.Root;

    [TestCase]
    [TestCase("validate")]
    [TestCase("emulator")]
    [TestCase("plan")]
    [TestCase("apply")]
    [TestCase("export")]
    [TestCase("github-comment")]
    public async Task Every_command_has_help(params string[] command)
    {
        var result = await AccessSyncProcess.RunAsync(Root, [.. command, "--help"]);

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.StdOut.ShouldContain("Usage:");
        result.StdOut.ShouldContain("Exit");
    }

    [Test]
    public void Every_exit_code_is_in_the_help_and_in_the_readme_table()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md")).ReplaceLineEndings("\n");
        var codes = typeof(ExitCodes).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .Select(f => (int)f.GetRawConstantValue()!)
            .ToList();

        codes.ShouldContain(ExitCodes.ChangedDuringApply);
        codes.ShouldAllBe(code => ExitCodes.HelpText.Contains($"\n  {code} ", StringComparison.Ordinal));
        codes.ShouldAllBe(code => readme.Contains($"\n| {code} | ", StringComparison.Ordinal));
    }

    [TestCase("plan", "--sandbox", "--rate-limit", "fast")]
    [TestCase("apply", "--sandbox", "--rate-limit", "0/60")]
    [TestCase("validate", "--bogus")]
    [TestCase("frobnicate")]
    [TestCase("validate", "--format", "xml")]
    [TestCase("--log-level", "chatty", "validate", "examples")]
    public async Task A_usage_error_exits_64_and_says_what_was_wrong_on_stderr(params string[] args)
    {
        var result = await AccessSyncProcess.RunAsync(Root, args);

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldStartWith("error: ");
        result.StdOut.ShouldBeEmpty();
    }

    [Test]
    public async Task A_folder_that_does_not_exist_is_a_usage_error()
    {
        var result = await AccessSyncProcess.RunAsync(Root, "validate", "no-such-folder");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.Trim().ShouldBe("error: no such folder: no-such-folder");
    }

    [Test]
    public async Task Both_account_and_zone_options_are_a_usage_error()
    {
        var result = await AccessSyncProcess.RunAsync(Root, "validate", "examples", "--account-id", "0123456789abcdef0123456789abcdef", "--zone-id", "0123456789abcdef0123456789abcdef");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldContain("--account-id and --zone-id are both set");
    }

    [Test]
    public async Task Both_account_and_zone_variables_are_a_usage_error()
    {
        var env = new Dictionary<string, string?>
        {
            ["CLOUDFLARE_ACCOUNT_ID"] = "0123456789abcdef0123456789abcdef",
            ["CLOUDFLARE_ZONE_ID"] = "0123456789abcdef0123456789abcdef",
        };

        var result = await AccessSyncProcess.RunAsync(Root, env, "validate", "examples");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldContain("CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_ZONE_ID are both set");
    }

    [Test]
    public async Task A_malformed_account_id_is_a_usage_error()
    {
        var result = await AccessSyncProcess.RunAsync(Root, "validate", "examples", "--account-id", "acme");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldContain("--account-id must be a 32-character lower-case hexadecimal id");
    }

    [Test]
    public async Task Logs_go_to_stderr_as_json_lines_and_results_to_stdout()
    {
        var result = await AccessSyncProcess.RunAsync(Root, "validate", "examples", "--log-level", "debug", "--log-format", "json");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.StdOut.ShouldNotContain("@t");
        var events = result.StdErr.Trim().Split('\n').Select(line => JsonDocument.Parse(line).RootElement).ToList();
        events.ShouldNotBeEmpty();
        var validated = events.Single(e => e.GetProperty("@mt").GetString()!.StartsWith("Validated", StringComparison.Ordinal));
        validated.GetProperty("FileCount").GetInt32().ShouldBeGreaterThan(0);
        validated.GetProperty("ValidateMiB").GetDouble().ShouldBeGreaterThan(0, "what validate itself allocated, which bench/table.sh reads");
    }

    [Test]
    public async Task Nothing_is_logged_at_the_default_level_when_all_is_well()
    {
        var result = await AccessSyncProcess.RunAsync(Root, "validate", "examples");

        result.StdErr.ShouldBeEmpty();
    }

    [Test]
    public async Task Version_prints_the_version()
    {
        var result = await AccessSyncProcess.RunAsync(Root, "--version");

        result.ExitCode.ShouldBe(ExitCodes.Success);
        result.StdOut.Trim().ShouldMatch(@"^\d+\.\d+\.\d+");
    }
}
