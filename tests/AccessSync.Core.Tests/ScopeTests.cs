using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Tests;

public class ScopeTests
{
    private static readonly Scope FileScope = Scope.Zone("11111111111111111111111111111111");
    private static readonly Scope ConfigScope = Scope.Account("22222222222222222222222222222222");
    private static readonly Scope FlagScope = Scope.Account("33333333333333333333333333333333");
    private static readonly Scope EnvScope = Scope.Account("44444444444444444444444444444444");

    [Test]
    public void The_most_specific_scope_wins_file_then_config_then_option_then_environment()
    {
        var fallbacks = new ScopeFallbacks(FlagScope, EnvScope);

        fallbacks.Resolve(FileScope, ConfigScope).ShouldBe(FileScope);
        fallbacks.Resolve(null, ConfigScope).ShouldBe(ConfigScope);
        fallbacks.Resolve(null, null).ShouldBe(FlagScope);
        new ScopeFallbacks(null, EnvScope).Resolve(null, null).ShouldBe(EnvScope);
        ScopeFallbacks.None.Resolve(null, null).ShouldBeNull();
    }

    [Test]
    public void A_loaded_application_carries_its_resolved_scope_and_prune_setting()
    {
        var config = RootConfig.Default with { Scope = ConfigScope, Prune = false };
        var project = ProjectLoader.Load(
            config,
            [new SourceFile("a.yaml", "app: {name: A}\npolicies: [{name: P, decision: deny, include: [{geo: US}]}]\n")],
            new ScopeFallbacks(FlagScope, null)).Value!;

        var app = project.Applications.ShouldHaveSingleItem();
        app.Scope.ShouldBe(ConfigScope);
        app.Prune.ShouldBeFalse();
    }

    [Test]
    public void The_root_config_is_read_with_its_defaults_and_safety_thresholds()
    {
        var config = FileLoader.LoadConfig(new SourceFile("accesssync.yaml", """
            account_id: 9a7806061c88ada191ed06f989cc3dac
            prune: false
            defaults: {session_duration: 12h}
            safety: {max_delete_percent: 10, max_update_percent: 25.5, min_policies: 2, allow_empty_apps: true}
            ignore: [drafts/]
            """)).Value!;

        config.ShouldBe(new RootConfig(
            Scope.Account("9a7806061c88ada191ed06f989cc3dac"),
            false,
            new PolicySettings(SessionDuration: "12h"),
            new SafetyOptions(10, 25.5m, 2, true),
            config.Ignore));
        config.Ignore.ShouldBe(["drafts/"]);
    }

    [Test]
    public void A_root_config_with_an_unknown_key_is_located()
    {
        var d = FileLoader.LoadConfig(new SourceFile("accesssync.yaml", "acount_id: 9a7806061c88ada191ed06f989cc3dac\n")).Diagnostics.ShouldHaveSingleItem();

        d.Message.ShouldBe("unknown key `acount_id`; did you mean `account_id`?");
        d.Span.Line.ShouldBe(1);
    }
}
