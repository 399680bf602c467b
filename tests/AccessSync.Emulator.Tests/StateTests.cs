using System.Net;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Emulator.Tests;

/// <summary>The state: the typed handle for tests, seeds, and the state file.</summary>
public class StateTests : EmulatorTest
{
    [Test]
    public void Objects_returned_by_the_handle_are_copies()
    {
        var app = State.App(Some.AccountScope, Some.GrafanaId)!;
        app["name"] = "Changed";
        State.AppPolicies(Some.AccountScope, Some.GrafanaId)[0]["name"] = "Changed";
        State.Export()["accounts"] = null;

        State.App(Some.AccountScope, Some.GrafanaId)!["name"]!.GetValue<string>().ShouldBe("Grafana");
        State.AppPolicies(Some.AccountScope, Some.GrafanaId)[0]["name"]!.GetValue<string>().ShouldBe("Allow devs");
    }

    [Test]
    public async Task A_policy_changed_behind_the_clients_back_is_what_the_api_then_answers()
    {
        Clock.Advance(TimeSpan.FromDays(1));
        var policy = Some.Policy("Changed live", precedence: 1);
        policy["id"] = Some.LegacyPolicyId;

        State.PutAppPolicy(Some.AccountScope, Some.GrafanaId, policy);

        var read = (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies/{Some.LegacyPolicyId}"))).ResultObject;
        read["name"]!.GetValue<string>().ShouldBe("Changed live");
        read["updated_at"]!.GetValue<string>().ShouldBe("2026-01-03T03:04:05Z");
        read["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
    }

    [Test]
    public async Task Removing_a_reusable_policy_through_the_handle_detaches_it_everywhere()
    {
        State.RemoveReusablePolicy(Some.Account, Some.ReusableId).ShouldBeTrue();

        (await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}"))).ResultObject["policies"]!.AsArray().Count.ShouldBe(1);
        State.RemoveReusablePolicy(Some.Account, Some.ReusableId).ShouldBeFalse();
    }

    [Test]
    public void One_seed_gives_one_state_even_where_it_leaves_the_aud_out()
    {
        var seed = """{"accounts": {"0123456789abcdef0123456789abcdef": {"apps": [{"id": "3f1e0d2c-1b0a-4987-8654-3210fedcba98", "name": "W", "domain": "w.example.com", "type": "self_hosted", "policies": []}]}}}""";
        var scope = ScopeRef.Account("0123456789abcdef0123456789abcdef");

        State.Import(EmulatorSeed.Parse(seed));
        var first = State.App(scope, "3f1e0d2c-1b0a-4987-8654-3210fedcba98")!["aud"]!.GetValue<string>();
        State.Import(EmulatorSeed.Parse(seed));
        var second = State.App(scope, "3f1e0d2c-1b0a-4987-8654-3210fedcba98")!["aud"]!.GetValue<string>();

        first.ShouldMatch("^[0-9a-f]{64}$");
        second.ShouldBe(first);
    }

    [Test]
    public void Export_then_import_gives_the_same_state()
    {
        var exported = State.Export();

        State.Import(EmulatorSeed.From(exported));

        State.Export().ToJsonString().ShouldBe(exported.ToJsonString());
        exported["accounts"]![Some.Account]!["apps"]![1]!["x-emulator"]!.ToJsonString().ShouldBe("""{"refuse_app_scoped_policies":true}""");
        exported["accounts"]![Some.Account]!["apps"]![0]!["policies"]![1]!.ToJsonString().ShouldBe($$"""{"id":"{{Some.ReusableId}}","precedence":2}""");
    }

    [TestCase("""{"accounts": {"a": {"apps": [{"name": "x", "policies": [{"id": "missing", "precedence": 1}]}]}}}""", "neither an app-scoped policy")]
    [TestCase("""{"accounts": {"a": {"apps": {}}}}""", "accounts.a.apps must be an array")]
    [TestCase("""{"zones": {"z": {"reusable_policies": []}}}""", "reusable policies exist in accounts only")]
    [TestCase("""{"accounts": {"a": {"apps": [{"policies": [{"name": "p", "precedence": 1}, {"name": "q", "precedence": 1}]}]}}}""", "precedence 1 is used more than once")]
    [TestCase("""[1, 2]""", "must be a JSON object")]
    [TestCase("""{"accounts": """, "not valid JSON")]
    [TestCase("""{"accounts": {"a": {}, "a": {}}}""", "not valid JSON")]
    public async Task A_seed_that_breaks_the_format_is_refused_with_where_it_is_wrong(string seed, string message)
    {
        var error = await Should.ThrowAsync<SeedFormatException>(async () =>
        {
            await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Parse(seed) });
        });

        error.Message.ShouldContain(message);
    }

    [Test]
    public async Task Every_write_is_saved_to_the_state_file_and_a_new_emulator_starts_from_it()
    {
        var folder = Directory.CreateTempSubdirectory("accesssync-emulator-");
        try
        {
            var file = Path.Combine(folder.FullName, "state.json");
            string createdId;
            await using (var first = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = Some.Seed(), StateFile = file }))
            {
                using var api = new ApiClient(first.BaseUrl);
                createdId = (await api.Post(Some.AccountPath("/access/policies"), Some.Policy("Saved"))).ResultObject["id"]!.GetValue<string>();
                File.ReadAllText(file).ShouldContain(createdId);
            }

            folder.GetFiles().Select(f => f.Name).ShouldBe(["state.json"], "no temporary file is left behind");
            await using var second = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = EmulatorSeed.Empty, StateFile = file });
            using var again = new ApiClient(second.BaseUrl);
            (await again.Get(Some.AccountPath($"/access/policies/{createdId}"))).Status.ShouldBe(HttpStatusCode.OK);
            (await again.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}"))).Status.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Test]
    public async Task A_new_app_refuses_legacy_policies_when_the_option_says_so()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { RefuseAppScopedPoliciesOnNewApps = true });
        using var api = new ApiClient(server.BaseUrl);
        var appId = (await api.Post(Some.AccountPath("/access/apps"), Some.App())).ResultObject["id"]!.GetValue<string>();

        var answer = await api.Post(Some.AccountPath($"/access/apps/{appId}/policies"), Some.Policy());

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorMessage.ShouldContain("legacy policies cannot be added");
        server.State.Export()["accounts"]![Some.Account]!["apps"]![0]!["x-emulator"].ShouldNotBeNull();
        JsonNode.Parse(answer.Body.ToJsonString())!["result"].ShouldBeNull();
    }

    [Test]
    public async Task The_example_live_estate_loads_and_every_app_answers_in_the_specs_shape()
    {
        var seed = EmulatorSeed.Load(Path.Combine(RepositoryPaths.Examples, "live.json"));
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = seed });
        using var api = new ApiClient(server.BaseUrl);

        foreach (var (accountId, _) in seed.ToJson()["accounts"]!.AsObject())
        {
            var apps = await api.Get($"/accounts/{accountId}/access/apps");
            apps.ResultArray.ShouldNotBeEmpty();
            foreach (var app in apps.ResultArray)
            {
                (await api.Get($"/accounts/{accountId}/access/apps/{app!["id"]}/policies")).ResultArray.Count.ShouldBe(app["policies"]!.AsArray().Count);
            }
        }
    }
}
