using System.Text;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>After any successful apply, planning again at once shows no changes: for random estates and files.</summary>
public class ConvergenceTests
{
    private static readonly string[] Decisions = ["allow", "deny", "bypass", "non_identity"];

    private static readonly string[] Rules =
    [
        "{email: ada@example.com}", "{email: {email: Bob@Example.com}}", "{email_domain: example.com}", "{group: Developers}",
        "{group: Contractors}", $"{{group: {Some.DevelopersId}}}", "{ip: 192.0.2.0/24}", "{ip: 198.51.100.7}", "{geo: NO}", "{geo: US}",
        "{everyone: true}", "{service_token: CI deploy bot}", "{any_valid_service_token: true}", "{certificate: true}",
        "{common_name: deploy.example.com}", "{login_method: Okta}", "{auth_method: mfa}", "{user_risk_score: [high, low]}",
        "{device_posture: 8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d}", "{okta: {name: Staff, identity_provider_id: x1}}",
        "{cloudflare_account_member: true}", "{external_evaluation: {evaluate_url: 'https://e.example.com/a', keys_url: 'https://e.example.com/k'}}",
    ];

    private static readonly string[] LiveRules =
    [
        """{"email":{"email":"ada@example.com"}}""", """{"geo":{"country_code":"US"}}""", """{"ip":{"ip":"10.0.0.0/8"}}""",
        $$$"""{"group":{"id":"{{{Some.ContractorsId}}}"}}""", """{"everyone":{}}""",
    ];

    [Test]
    public async Task Planning_again_after_an_apply_shows_no_changes_for_random_estates()
    {
        var plansWithChanges = 0;
        for (var seed = 1; seed <= 150; seed++)
        {
            var random = new Random(seed);
            var live = Some.Live(RandomLiveApp(random));
            var yaml = RandomFile(random);
            var provider = new FakeAccessProvider(live);
            var plan = Some.Plan(Some.Project(yaml), live);
            plansWithChanges += plan.HasChanges ? 1 : 0;

            var result = await Applier.ApplyAsync(plan, provider, live, ApplyOptions.Default, CancellationToken.None);

            var report = result.ShouldBeOfType<ApplyResult.Applied>().Report;
            report.Succeeded.ShouldBeTrue($"seed {seed}:\n{yaml}\n{string.Join("\n", report.Outcomes)}");
            var again = Some.Plan(Some.Project(yaml), provider.Current);
            again.HasChanges.ShouldBeFalse($"seed {seed}: planning again shows changes\n{yaml}\n" +
                string.Join("\n", again.Applications.SelectMany(a => a.Changes).Select(c => c.ToString())));
            foreach (var policy in provider.Current.Scopes[0].Applications[0].Policies.Where(p => p.Raw.TryGetProperty("x_note", out _)))
            {
                policy.Raw.GetProperty("x_note").GetString().ShouldBe("kept", $"seed {seed}: a field AccessSync does not manage was lost");
            }
        }

        plansWithChanges.ShouldBeGreaterThan(140, "the generated cases should exercise apply, not plan nothing");
    }

    private static LiveApplication RandomLiveApp(Random random)
    {
        var precedences = Enumerable.Range(1, 12).OrderBy(_ => random.Next()).Take(random.Next(0, 6)).ToList();
        var policies = precedences.Select((precedence, i) =>
        {
            var rules = string.Join(",", Enumerable.Range(0, random.Next(1, 3)).Select(_ => LiveRules[random.Next(LiveRules.Length)]));
            var extra = new StringBuilder("\"x_note\":\"kept\"");
            if (random.NextDouble() < 0.5)
            {
                extra.Append(",\"session_duration\":\"").Append(new[] { "24h", "1440m", "30m" }[random.Next(3)]).Append('"');
            }

            if (random.NextDouble() < 0.4)
            {
                extra.Append(",\"approval_required\":").Append(random.NextDouble() < 0.5 ? "true" : "false");
            }

            if (random.NextDouble() < 0.4)
            {
                extra.Append(",\"mfa_config\":{\"mfa_disabled\":false,\"session_duration\":\"12h\"}");
            }

            return Some.Policy($"P{random.Next(0, 8)}-{i}", precedence, Decisions[random.Next(Decisions.Length)], $"[{rules}]", extra.ToString());
        });
        return Some.App("Grafana", [.. policies.DistinctBy(p => p.Name)]);
    }

    private static string RandomFile(Random random)
    {
        var count = random.Next(1, 6);
        var text = new StringBuilder("app: {name: Grafana}\npolicies:\n");
        var names = Enumerable.Range(0, 8).SelectMany(n => new[] { $"P{n}-0", $"P{n}-1", $"P{n}-2", $"New {n}" }).OrderBy(_ => random.Next()).Take(count);
        foreach (var name in names)
        {
            text.Append($"  - name: {name}\n    decision: {Decisions[random.Next(Decisions.Length)]}\n");
            text.Append($"    include: [{string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => Rules[random.Next(Rules.Length)]))}]\n");
            if (random.NextDouble() < 0.5)
            {
                text.Append($"    exclude: [{string.Join(", ", Enumerable.Range(0, random.Next(0, 3)).Select(_ => Rules[random.Next(Rules.Length)]))}]\n");
            }

            if (random.NextDouble() < 0.5)
            {
                text.Append($"    require: [{string.Join(", ", Enumerable.Range(0, random.Next(0, 3)).Select(_ => Rules[random.Next(Rules.Length)]))}]\n");
            }

            if (random.NextDouble() < 0.5)
            {
                text.Append($"    session_duration: {new[] { "24h", "30m", "1h30m", "90m", "8h" }[random.Next(5)]}\n");
            }

            if (random.NextDouble() < 0.3)
            {
                text.Append($"    approval_required: {(random.NextDouble() < 0.5 ? "true" : "false")}\n");
                text.Append("    approval_groups: [{approvals_needed: 1, email_addresses: [Boss@example.com]}]\n");
            }

            if (random.NextDouble() < 0.3)
            {
                text.Append("    purpose_justification_required: true\n    purpose_justification_prompt: Why?\n    isolation_required: true\n");
            }

            if (random.NextDouble() < 0.3)
            {
                text.Append("    mfa_config: {allowed_authenticators: [totp, security_key], session_duration: 2h}\n");
            }

            if (random.NextDouble() < 0.2)
            {
                text.Append("    connection_rules: {rdp: {allowed_clipboard_local_to_remote_formats: [text]}}\n");
            }
        }

        return text.ToString();
    }
}
