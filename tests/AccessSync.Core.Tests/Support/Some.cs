using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Live;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Tests.Support;

/// <summary>Test data: a small live account and files to plan against it.</summary>
internal static class Some
{
    public static readonly Scope Account = Scope.Account("9a7806061c88ada191ed06f989cc3dac");

    public const string DevelopersId = "aa0a4aab-672b-4bdb-bc33-a59f1130a11f";
    public const string ContractorsId = "bb1b5bbc-783c-4cec-8d44-b60a2241b220";
    public const string OktaId = "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716";
    public const string TokenId = "3d4c5b6a-7e8f-4a9b-8c0d-1e2f3a4b5c6d";

    public static LivePolicy Policy(string json, bool reusable = false) =>
        LivePolicy.FromJson(JsonDocument.Parse(json).RootElement, reusable);

    /// <summary>A live policy with an id derived from its name, and the given precedence and extra JSON members.</summary>
    public static LivePolicy Policy(string name, int precedence, string decision = "allow", string include = """[{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}}]""", string extra = "") =>
        Policy($$"""{"id":"{{IdFor(name)}}","name":"{{name}}","decision":"{{decision}}","include":{{include}},"precedence":{{precedence}},"updated_at":"2026-01-01T00:00:00Z"{{(extra.Length > 0 ? "," + extra : string.Empty)}}}""");

    /// <summary>A reusable policy as the API lists it, with an id derived from its name; attached, <paramref name="precedence"/> is its place.</summary>
    public static LivePolicy Reusable(string name, int? precedence = null, string decision = "allow", string extra = "", string include = """[{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}}]""")
    {
        var place = precedence is null ? string.Empty : $",\"precedence\":{precedence}";
        var more = extra.Length > 0 ? "," + extra : string.Empty;
        return Policy($$$"""{"id":"{{{IdFor(name)}}}","name":"{{{name}}}","decision":"{{{decision}}}","include":{{{include}}}{{{place}}},"updated_at":"2026-01-01T00:00:00Z"{{{more}}}}""", reusable: true);
    }

    /// <summary>A reusable policy as an application embeds it: the account's policy, at its place in the application.</summary>
    public static LivePolicy Attached(LivePolicy reusable, int precedence)
    {
        var raw = System.Text.Json.Nodes.JsonNode.Parse(reusable.Raw.GetRawText())!.AsObject();
        raw["precedence"] = precedence;
        return LivePolicy.FromJson(JsonSerializer.SerializeToElement(raw), isReusable: true);
    }

    public static string IdFor(string name) =>
        new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(name))).ToString();

    public static LiveApplication App(string name, params LivePolicy[] policies) => App(name, $"{name.ToLowerInvariant().Replace(' ', '-')}.example.com", policies);

    public static LiveApplication App(string name, string domain, params LivePolicy[] policies)
    {
        var id = IdFor("app:" + name);
        var raw = JsonSerializer.SerializeToElement(new { id, name, domain, type = "self_hosted", policies = policies.Select(p => p.Raw).ToArray() });
        return new LiveApplication(Account, id, name, domain, [.. policies], raw);
    }

    /// <summary>An account with these applications; the reusable policies attached to them are the account's reusable policies.</summary>
    public static LiveState Live(params LiveApplication[] apps) => Live([], apps);

    /// <summary>An account with these applications, and reusable policies beside the ones attached to them.</summary>
    public static LiveState Live(LivePolicy[] unattached, params LiveApplication[] apps) => new(
    [
        new LiveScope(
            Account,
            [.. apps],
            [.. apps.SelectMany(a => a.Policies).Where(p => p.IsReusable).Concat(unattached).DistinctBy(p => p.Id)],
            [new NamedObject(DevelopersId, "Developers"), new NamedObject(ContractorsId, "Contractors")],
            [new NamedObject(TokenId, "CI deploy bot")],
            [new NamedObject(OktaId, "Okta")]),
    ]);

    /// <summary>One application file, loaded and validated as the CLI would, in <see cref="Account"/>.</summary>
    public static Project Project(params string[] files) => Project(RootConfig.Default, files);

    public static Project Project(RootConfig config, params string[] files)
    {
        var sources = files.Select((yaml, i) => new SourceFile($"apps/app{i + 1}.yaml", yaml)).ToList();
        var loaded = ProjectLoader.Load(config, sources, new ScopeFallbacks(Account, null));
        Assert.That(loaded.Diagnostics.Where(d => d.IsError), Is.Empty, "the files were meant to be valid");
        return loaded.Value!;
    }

    public static Plan Plan(Project project, LiveState live)
    {
        var result = Planner.Compute(project, live, PlanOptions.All);
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty, () => string.Join("\n", result.Diagnostics));
        return result.Plan!;
    }

    public static ImmutableArray<PolicyChange> Changes(Project project, LiveState live) => Plan(project, live).Applications.Single().Changes;
}
