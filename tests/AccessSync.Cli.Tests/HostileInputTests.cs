using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>A file made to hurt the tool fails `validate` with a located error, quickly, rather than exhausting the machine.</summary>
public class HostileInputTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task Validate_refuses_an_alias_bomb_at_the_alias_that_passes_the_limit()
    {
        using var dir = new TempFolder();
        dir.Write("policies/bomb.yaml", HostileYaml.AliasBomb);

        var result = await InProcessAccessSync.RunAsync(dir.Path, "validate", "policies");

        result.ExitCode.ShouldBe(ExitCodes.Error, result.StdOut + result.StdErr);
        result.StdErr.ShouldBeEmpty();
        result.StdOut.ShouldBe(
            "policies/bomb.yaml:6:12: error: aliases expand to more than 200000 nodes; an alias stands for a copy of its anchor's node, and these copy copies [alias-expansion-too-large]\n"
            + "1 file checked: 1 error, 0 warnings.\n");
    }
}
