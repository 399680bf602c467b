using AccessSync.Testing;
using YamlDotNet.RepresentationModel;

namespace AccessSync.Cli.Tests;

/// <summary>The project's CI workflow and the workflow users copy are valid GitHub workflows, and the latter asks for no more than it needs.</summary>
public class WorkflowFileTests
{
    /// <summary>Pinned, as in .ci/run.</summary>
    private const string ActionValidator = "@action-validator/cli@0.6.0";

    private static readonly string ExampleWorkflow = Path.Combine(RepositoryPaths.Examples, "github", "accesssync.yml");

    private static readonly string CiWorkflow = Path.Combine(RepositoryPaths.Root, ".github", "workflows", "ci.yml");

    [Test]
    public async Task Both_workflows_pass_GitHubs_workflow_schema_and_a_broken_one_does_not()
    {
        if (ExternalProcess.Find("npx") is null)
        {
            Assert.Ignore("npx is not installed, so action-validator cannot run");
        }

        using var folder = new TempFolder();
        folder.Write("broken.yml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permisions: {}\n    steps:\n      - run: echo\n");

        var results = await Task.WhenAll(new[] { ExampleWorkflow, CiWorkflow, Path.Combine(folder.Path, "broken.yml") }.Select(ValidateAsync));

        results[0].ShouldBe((0, string.Empty), "examples/github/accesssync.yml");
        results[1].ShouldBe((0, string.Empty), ".github/workflows/ci.yml");
        results[2].ExitCode.ShouldNotBe(0, "the validator must reject a misspelt key, or it checks nothing");
        results[2].Output.ShouldContain("permisions");
    }

    [Test]
    public void The_example_workflow_grants_each_job_only_what_it_needs_and_never_runs_two_applies_at_once()
    {
        var workflow = (YamlMappingNode)Load(ExampleWorkflow).RootNode;
        var jobs = (YamlMappingNode)workflow["jobs"];

        ((YamlMappingNode)workflow["permissions"]).Children.ShouldBeEmpty("nothing is granted by default");
        foreach (var (name, job) in jobs.Children.Select(j => (((YamlScalarNode)j.Key).Value, (YamlMappingNode)j.Value)))
        {
            var permissions = ((YamlMappingNode)job["permissions"]).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());
            permissions.ShouldBe(
                name == "plan" ? new Dictionary<string, string> { ["contents"] = "read", ["pull-requests"] = "write" } : new() { ["contents"] = "read" },
                $"job {name}");
        }

        var apply = (YamlMappingNode)((YamlMappingNode)jobs["apply"])["concurrency"];
        apply["group"].ToString().ShouldNotContain("${{", customMessage: "one group for every apply");
        apply["cancel-in-progress"].ToString().ShouldBe("false", "an apply is never cancelled half-way");
    }

    [Test]
    public void The_example_workflow_runs_the_access_tests_on_pull_requests_and_keeps_their_junit_report()
    {
        var plan = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)Load(ExampleWorkflow).RootNode)["jobs"])["plan"];
        var steps = ((YamlSequenceNode)plan["steps"]).Children.Cast<YamlMappingNode>().ToList();

        var test = steps.FindIndex(s => s.Children.TryGetValue("run", out var run) && run.ToString().StartsWith("accesssync test ", StringComparison.Ordinal));
        test.ShouldBeGreaterThan(0, "a step runs accesssync test");
        steps[test]["run"].ToString().ShouldContain("--format junit --out access-tests.xml");
        steps.Skip(test).ShouldContain(s => s.Children.ContainsKey("with") && s["with"]["path"].ToString() == "access-tests.xml", "the JUnit report is kept with the run");
    }

    private static YamlDocument Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Single();
    }

    private static async Task<(int ExitCode, string Output)> ValidateAsync(string workflow)
    {
        var result = await ExternalProcess.RunAsync("npx", ["--yes", ActionValidator, workflow]);
        return (result.ExitCode, (result.StdOut + result.StdErr).Trim());
    }
}
