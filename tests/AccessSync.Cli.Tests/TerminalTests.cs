using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>What a person at a terminal sees and answers: colour, and apply's confirmation.</summary>
public class TerminalTests
{
    private const string Green = "\u001b[32m";

    [Test]
    public async Task A_plan_at_a_terminal_is_coloured_unless_no_color_is_asked_for()
    {
        using var tree = new ExampleTree();

        // Three plans that only read the sandbox, at once.
        var runs = await Task.WhenAll(
            AccessSyncProcess.RunInTerminalAsync(tree.Path, new Dictionary<string, string?>(), null, "plan", "--sandbox"),
            AccessSyncProcess.RunInTerminalAsync(tree.Path, new Dictionary<string, string?> { ["NO_COLOR"] = "1" }, null, "plan", "--sandbox"),
            AccessSyncProcess.RunInTerminalAsync(tree.Path, new Dictionary<string, string?>(), null, "plan", "--sandbox", "--no-color"));
        var (coloured, byVariable, byOption) = (runs[0], runs[1], runs[2]);

        coloured.StdOut.ShouldContain(Green + "+ create \"Allow partner engineers\"");
        byVariable.StdOut.ShouldContain("+ create \"Allow partner engineers\"");
        byVariable.StdOut.ShouldNotContain(Green);
        byOption.StdOut.ShouldNotContain(Green);
    }

    [Test]
    public async Task Apply_at_a_terminal_applies_only_after_yes()
    {
        using var tree = new ExampleTree();

        var declined = await AccessSyncProcess.RunInTerminalAsync(tree.Path, new Dictionary<string, string?>(), "no\n", "apply", "--sandbox");
        var afterDecline = await AccessSyncProcess.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode");
        var accepted = await AccessSyncProcess.RunInTerminalAsync(tree.Path, new Dictionary<string, string?>(), "yes\n", "apply", "--sandbox");
        var afterAccept = await AccessSyncProcess.RunAsync(tree.Path, "plan", "--sandbox", "--detailed-exitcode");

        declined.StdOut.ShouldContain("Only 'yes' will be accepted:");
        declined.StdOut.ShouldContain("Apply cancelled; nothing was changed.");
        declined.ExitCode.ShouldBe(ExitCodes.Error);
        afterDecline.ExitCode.ShouldBe(ExitCodes.ChangesPresent);
        accepted.ExitCode.ShouldBe(ExitCodes.Success, accepted.StdOut);
        accepted.StdOut.ShouldContain("Apply: 13 done, 0 failed, 0 not attempted.");
        afterAccept.ExitCode.ShouldBe(ExitCodes.Success);
    }
}
