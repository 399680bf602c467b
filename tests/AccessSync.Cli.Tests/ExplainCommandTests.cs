using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>accesssync explain on the examples: the decision, what it depends on, and mistakes on the command line.</summary>
public class ExplainCommandTests
{
    private static Task<ProcessResult> ExplainAsync(params string[] args) => InProcessAccessSync.RunAsync(RepositoryPaths.Root, ["explain", .. args]);

    [Test]
    public async Task A_request_from_a_health_check_address_is_bypassed_though_an_ip_list_of_the_same_policy_is_unknown()
    {
        var result = await ExplainAsync("deploy.example.com", "examples", "--ip", "192.0.2.15");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        result.StdOut.ShouldStartWith("deploy.example.com (examples/apps/deploy-api.yaml), policies in evaluation order:\n  1. bypass");
        result.StdOut.ShouldContain("Decision: bypass, by \"Health checks\".");
    }

    [Test]
    public async Task A_request_no_policy_matches_is_denied_by_default()
    {
        var result = await ExplainAsync("grafana", "examples", "--email", "nobody@elsewhere.example");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        result.StdOut.ShouldContain("Decision: deny: no policy matched, and Access denies by default.");
    }

    [Test]
    public async Task A_decision_that_depends_on_an_external_evaluation_is_undetermined_and_names_it()
    {
        var result = await ExplainAsync("STATUS.example.com", "examples", "--account-member", "--country", "KP");

        result.ExitCode.ShouldBe(ExitCodes.Success, result.StdErr);
        result.StdOut.ShouldContain("Decision: undetermined");
        result.StdOut.ShouldContain("needs an external evaluation, which only Access can make");
    }

    [Test]
    public async Task An_application_the_files_do_not_name_is_a_usage_error()
    {
        var result = await ExplainAsync("Grafanna", "examples", "--email", "ada@example.com");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldContain("\"Grafanna\" names no application of the files");
    }

    [Test]
    public async Task An_address_that_is_not_one_is_a_usage_error()
    {
        var result = await ExplainAsync("Grafana", "examples", "--ip", "300.1.2.3");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldContain("--ip must be an IPv4 or IPv6 address, not \"300.1.2.3\"");
    }
}
