using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using AccessSync.Cli.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary><c>accesssync emulator</c>, run as a real process and asked over HTTP.</summary>
public class EmulatorCommandTests
{
    private const string Account = "0123456789abcdef0123456789abcdef";

    [Test]
    public async Task The_emulator_prints_its_url_serves_the_token_from_the_environment_and_saves_state_when_stopped()
    {
        using var folder = new TempFolder();
        folder.Write("seed.json", """{"accounts": {"ACCOUNT": {"apps": [{"name": "Grafana", "domain": "grafana.example.com", "type": "self_hosted"}]}}}""".Replace("ACCOUNT", Account, StringComparison.Ordinal));
        var environment = new Dictionary<string, string?> { ["CLOUDFLARE_API_TOKEN"] = "cli-test-token" };
        using var process = AccessSyncProcess.Start(folder.Path, environment, "emulator", "--port", "0", "--seed", "seed.json", "--state", "state.json");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

            line.ShouldNotBeNull().ShouldMatch(@"^Cloudflare Access API emulator listening on http://127\.0\.0\.1:\d+/client/v4$");
            var apps = new Uri(line.Split(" on ")[1] + $"/accounts/{Account}/access/apps");
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, apps);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "cli-test-token");
            using var answer = await http.SendAsync(request);
            answer.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await answer.Content.ReadAsStringAsync()).ShouldContain("\"name\":\"Grafana\"");
            using var refused = await http.GetAsync(apps);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

            await Stop(process);

            process.ExitCode.ShouldBe(ExitCodes.Success);
            File.ReadAllText(Path.Combine(folder.Path, "state.json")).ShouldContain("grafana.example.com");
            (await process.StandardError.ReadToEndAsync()).ShouldBeEmpty();
            (await process.StandardOutput.ReadToEndAsync()).ShouldBeEmpty("the emulator logs nothing to stdout");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [TestCase("--latency-ms", "9-3")]
    [TestCase("--rate-limit", "fast")]
    [TestCase("--fail-rate", "2")]
    [TestCase("--lost-answer-rate", "1.5")]
    [TestCase("--seed", "no-such-seed.json")]
    public async Task A_bad_emulator_option_is_a_usage_error(string option, string value)
    {
        var result = await AccessSyncProcess.RunAsync(RepositoryPaths.Root, "emulator", option, value);

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.StdErr.ShouldStartWith("error: ");
        result.StdOut.ShouldBeEmpty();
    }

    [Test]
    public async Task An_invalid_seed_file_exits_1_saying_what_is_wrong()
    {
        using var folder = new TempFolder();
        folder.Write("seed.json", """{"accounts": {"a": {"apps": {}}}}""");

        var result = await AccessSyncProcess.RunAsync(folder.Path, "emulator", "--seed", "seed.json");

        result.ExitCode.ShouldBe(ExitCodes.Error);
        result.StdErr.ShouldContain("accounts.a.apps must be an array");
    }

    /// <summary>SIGTERM, as a service manager or CI job would stop it.</summary>
    private static async Task Stop(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill();
        }
        else
        {
            // The shell's own kill, so no separate kill program is needed.
            using var kill = Process.Start("sh", ["-c", $"kill -TERM {process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]);
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
    }
}
