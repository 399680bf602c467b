using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>
/// Command lines run side by side in one process each resolve and show paths from their own working folder and read
/// their own variables, as separate processes would: what lets the in-process tests run in parallel.
/// </summary>
public class SideBySideRunTests
{
    private static readonly IReadOnlyDictionary<string, string?> InGitHubActions = new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" };

    [Test]
    public async Task Runs_side_by_side_print_what_each_prints_alone()
    {
        // One folder of files, seen from two working folders (so shown by two paths), with and without GitHub Actions' variable.
        var runs = new (string Folder, IReadOnlyDictionary<string, string?>? Variables, string[] Args)[]
        {
            (RepositoryPaths.Root, null, ["validate", "examples/invalid"]),
            (RepositoryPaths.Examples, InGitHubActions, ["validate", "invalid"]),
            (RepositoryPaths.InvalidExamples, null, ["validate"]),
            (RepositoryPaths.Root, InGitHubActions, ["validate", "examples/invalid"]),
        };
        var alone = new List<ProcessResult>();
        foreach (var (folder, variables, args) in runs)
        {
            alone.Add(await InProcessAccessSync.RunAsync(folder, variables, args));
        }

        var together = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => runs).Select(r => Task.Run(() => InProcessAccessSync.RunAsync(r.Folder, r.Variables, r.Args))));

        alone.Select(r => r.StdOut).Distinct().Count().ShouldBe(runs.Length, "each run shows the files by its own paths, in its own format");
        for (var i = 0; i < together.Length; i++)
        {
            together[i].ShouldBe(alone[i % runs.Length], $"{string.Join(' ', runs[i % runs.Length].Args)} in {runs[i % runs.Length].Folder}");
        }
    }
}
