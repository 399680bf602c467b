using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>A broken emulator seed or state file is reported at its place, in the compiler's shape, naming the right file.</summary>
public class SeedFileErrorTests
{
    [Test]
    public async Task A_seed_that_is_not_JSON_is_reported_at_its_line_and_column()
    {
        using var folder = new TempFolder();
        folder.Write("seed.json", "{\n  \"accounts\": x\n}\n");

        var result = await InProcessAccessSync.RunAsync(folder.Path, "emulator", "--seed", "seed.json", "--port", "0");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldBe("seed.json:2:15: error: not valid JSON: 'x' is an invalid start of a value.\n");
        result.StdOut.ShouldBeEmpty();
    }

    [Test]
    public async Task A_corrupt_state_file_is_named_as_the_state_file()
    {
        using var folder = new TempFolder();
        folder.Write("seed.json", """{"accounts": {}}""");
        folder.Write("state.json", "{\"accounts\": {\"a\": {\"apps\": {}}}}");

        var result = await InProcessAccessSync.RunAsync(folder.Path, "emulator", "--seed", "seed.json", "--state", "state.json", "--port", "0");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldBe("state.json: error: accounts.a.apps must be an array\n");
    }

    [Test]
    public async Task A_corrupt_sandbox_state_is_reported_at_its_place_not_as_a_bug()
    {
        using var tree = new ExampleTree();
        Directory.CreateDirectory(Path.GetDirectoryName(tree.SandboxState)!);
        File.WriteAllText(tree.SandboxState, "{\"accounts\": {\n");

        var result = await InProcessAccessSync.RunAsync(tree.Path, "plan", "--sandbox");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldStartWith(".accesssync/sandbox.json:2:1: error: not valid JSON: ");
        result.StdErr.ShouldNotContain("LineNumber");
    }
}
