using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>Anything the program did not foresee ends in one line that points at the debug log, which holds the stack.</summary>
public class UnexpectedFailureTests
{
    [Test]
    public async Task An_unforeseen_failure_is_one_line_without_a_stack_trace()
    {
        var result = await RunWithAStepSummaryThatIsAFolder();

        result.ExitCode.ShouldBe(ExitCodes.Error);
        var lines = result.StdErr.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(1, result.StdErr);
        lines[0].ShouldStartWith("error: AccessSync failed unexpectedly (");
        lines[0].ShouldEndWith("This is a bug: please report it with the output of the same command run with --log-level debug");
        result.StdErr.ShouldNotContain("   at ");
    }

    [Test]
    public async Task The_debug_log_holds_the_stack()
    {
        var result = await RunWithAStepSummaryThatIsAFolder("--log-level", "debug");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldContain("AccessSync failed unexpectedly");
        result.StdErr.ShouldContain("   at ");
    }

    /// <summary>A step summary "file" that is a folder: nothing the command checks for, so it fails where it writes.</summary>
    private static async Task<ProcessResult> RunWithAStepSummaryThatIsAFolder(params string[] extra)
    {
        using var folder = new TempFolder();
        var plan = SavedPlans.Write(folder.Path, SavedPlans.Creating(1, 1));
        var summary = Directory.CreateDirectory(Path.Combine(folder.Path, "summary")).FullName;
        return await InProcessAccessSync.RunAsync(
            folder.Path,
            new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary },
            ["github-comment", "--plan", plan, "--step-summary", "--no-comment", .. extra]);
    }
}
