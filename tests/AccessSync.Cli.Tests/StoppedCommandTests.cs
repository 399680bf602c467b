using System.Runtime.InteropServices;
using AccessSync.Cli.Hosting;
using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>validate, plan and export stopped by Ctrl-C or SIGTERM: one line, the signal's exit code, nothing changed or written.</summary>
public class StoppedCommandTests
{
    [TestCase(PosixSignal.SIGTERM, 143, "validate")]
    [TestCase(PosixSignal.SIGINT, 130, "plan", "--sandbox")]
    [TestCase(PosixSignal.SIGTERM, 143, "apply", "--sandbox", "--auto-approve")]
    [TestCase(PosixSignal.SIGINT, 130, "export", "--sandbox", "--account-id", "9a7806061c88ada191ed06f989cc3dac", "--out", "exported")]
    public async Task A_command_stopped_before_it_changes_anything_says_so_in_one_line_and_exits_with_the_signal_s_code(PosixSignal signal, int exitCode, params string[] args)
    {
        using var copy = new ExampleTree();
        using var interruption = new Interruption();
        interruption.Raise(signal);

        var result = await InProcessAccessSync.RunAsync(copy.Path, null, interruption, args);

        result.ExitCode.ShouldBe(exitCode, result.StdOut + result.StdErr);
        result.StdErr.Trim().ShouldBe($"error: stopped by {signal}; nothing was changed");
        Directory.Exists(Path.Combine(copy.Path, "exported")).ShouldBeFalse();
        var after = await InProcessAccessSync.RunAsync(copy.Path, "plan", "--sandbox");
        after.StdOut.ShouldContain("Plan: 2 to create, 5 to update, 2 to delete, 2 to reorder, 2 to attach, 0 to detach.", Case.Sensitive, "live is as it was");
    }
}
