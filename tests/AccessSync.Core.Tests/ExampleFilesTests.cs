using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests;

/// <summary>The examples are the documentation users copy from: each must load, clean, into exactly the model it shows.</summary>
public class ExampleFilesTests
{
    private static readonly string[] AllRuleKinds =
    [
        "email", "email_domain", "email_list", "everyone", "group", "ip", "ip_list", "geo", "service_token",
        "any_valid_service_token", "certificate", "common_name", "login_method", "auth_method", "device_posture",
        "external_evaluation", "azureAD", "github-organization", "gsuite", "okta", "saml", "oidc", "auth_context",
        "linked_app_token", "user_risk_score", "cloudflare_account_member",
    ];

    private static IEnumerable<string> ExampleApplicationPaths() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Examples, "apps"), "*.yaml").Order(StringComparer.Ordinal);

    private static RootConfig ExampleConfig()
    {
        var path = Path.Combine(RepositoryPaths.Examples, RootConfig.FileName);
        var loaded = FileLoader.LoadConfig(new SourceFile("examples/accesssync.yaml", File.ReadAllText(path)));
        loaded.Diagnostics.ShouldBeEmpty();
        return loaded.Value!;
    }

    private static List<ApplicationFile> LoadExamples()
    {
        var config = ExampleConfig();
        return ExampleApplicationPaths()
            .Select(path =>
            {
                var relative = Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
                var loaded = FileLoader.LoadApplication(new SourceFile(relative, File.ReadAllText(path)), config.Defaults);
                loaded.Diagnostics.ShouldBeEmpty(relative);
                return loaded.Value!;
            })
            .ToList();
    }

    [Test]
    public void The_root_config_loads_with_its_safety_thresholds_and_defaults()
    {
        var config = ExampleConfig();

        config.Scope.ShouldBe(Scope.Account("9a7806061c88ada191ed06f989cc3dac"));
        config.Prune.ShouldBeTrue();
        config.Defaults.SessionDuration.ShouldBe("24h");
        config.Safety.ShouldBe(new SafetyOptions(30, 50, 4, AllowEmptyApps: false));
        config.Ignore.ShouldBe(["invalid/", "github/"]);
    }

    [Test]
    public void Every_example_application_loads_into_the_approved_model()
    {
        var dump = string.Join("\n", LoadExamples().Select(ModelDump.Of));

        Approvals.Verify(dump, "example-models");
    }

    [Test]
    public void There_are_at_least_six_example_applications()
    {
        LoadExamples().Count.ShouldBeGreaterThanOrEqualTo(6);
    }

    [Test]
    public void The_examples_use_every_rule_kind_of_the_api()
    {
        var used = LoadExamples()
            .SelectMany(f => f.Policies)
            .SelectMany(p => p.Include.Concat(p.Exclude ?? []).Concat(p.Require ?? []))
            .Select(r => r.Kind.Key)
            .ToHashSet();

        AllRuleKinds.Except(used).ShouldBeEmpty("rule kinds no example uses");
    }

    [Test]
    public void Every_rule_of_every_kind_keeps_the_place_its_file_wrote_it()
    {
        // The examples use every kind (above): each kind's record must be made with the place, which every message
        // about a rule points at.
        foreach (var file in LoadExamples())
        {
            var text = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file.Path));
            foreach (var rule in file.Policies.SelectMany(p => p.Include.Concat(p.Exclude ?? []).Concat(p.Require ?? [])))
            {
                var span = rule.Span.ShouldNotBeNull($"{file.Path}: a {rule.Kind.Key} rule");
                span.Path.ShouldBe(file.Path);
                text[span.Line - 1][(span.Column - 1)..].ShouldStartWith(rule.Kind.Key, Case.Sensitive, $"{span}: a {rule.Kind.Key} rule");
            }
        }
    }

    [Test]
    public void The_examples_use_every_setting_of_the_api_s_example_policy()
    {
        var settings = LoadExamples().SelectMany(f => f.Policies).Select(p => p.Settings).ToList();

        settings.ShouldContain(s => s.ApprovalGroups != null && s.ApprovalGroups.Value.Length > 1);
        settings.ShouldContain(s => s.ApprovalRequired == true);
        settings.ShouldContain(s => s.ConnectionRules != null && s.ConnectionRules.Rdp != null);
        settings.ShouldContain(s => s.MfaConfig != null && s.MfaConfig.AllowedAuthenticators != null);
        settings.ShouldContain(s => s.IsolationRequired == true);
        settings.ShouldContain(s => s.PurposeJustificationRequired == true && s.PurposeJustificationPrompt != null);
        settings.ShouldContain(s => s.SessionDuration != null && s.SessionDuration != "24h");
    }

    [Test]
    public void Every_decision_appears_in_the_examples()
    {
        LoadExamples().SelectMany(f => f.Policies).Select(p => p.Decision).Distinct().Order()
            .ShouldBe([Decision.Allow, Decision.Deny, Decision.NonIdentity, Decision.Bypass]);
    }
}
