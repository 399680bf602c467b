using System.Text.Json.Nodes;
using AccessSync.Core.Exporting;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests.Exporting;

/// <summary>Exporting the examples' live estate (examples/live.json): every scope, read back and planned.</summary>
public class ExampleExportTests
{
    private static readonly string LiveText = File.ReadAllText(Path.Combine(RepositoryPaths.Examples, "live.json"));

    private static readonly Live.LiveState Live = LiveJson.Parse(LiveText);

    private static readonly Live.LiveState WithReusable = LiveJson.Parse(WithReusablePolicies(LiveText));

    private static IEnumerable<TestCaseData> Scopes() => Live.Scopes.Select(s => new TestCaseData(s.Scope.ToString()).SetName($"Exported {s.Scope} plans no change"));

    [TestCaseSource(nameof(Scopes))]
    public void Every_scope_of_the_examples_exports_to_files_that_plan_no_change(string scopeName)
    {
        var scope = Live.Scopes.Single(s => s.Scope.ToString() == scopeName);

        var result = Exporter.Export(scope, ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        Warnings(ExportedTree.Load(result.Files)).ShouldBeEmpty("the files validate clean, without so much as a warning");
        result.Files.Count(f => f.RelativePath.StartsWith("apps/", StringComparison.Ordinal)).ShouldBe(scope.Applications.Length);
        var plan = ExportedTree.Plan(result.Files, Live);
        plan.HasChanges.ShouldBeFalse(ExportedTree.Dump(result.Files));
        plan.Applications.SelectMany(a => a.Unmanaged).ShouldBeEmpty();
    }

    [Test]
    public void The_exported_grafana_file_is_as_approved()
    {
        var result = Exporter.Export(Live.Scopes[0], ExportOptions.Default with { Applications = ["grafana"] });

        Approvals.Verify(result.Files.Single(f => f.RelativePath == "apps/grafana.yaml").Text, "export-grafana");
    }

    [Test]
    public void Every_exported_file_of_the_examples_is_as_approved()
    {
        var result = Exporter.Export(Live.Scopes[0], ExportOptions.Default);

        Approvals.Verify(ExportedTree.Dump(result.Files), "export-examples-account");
    }

    [Test]
    public void The_examples_account_with_reusable_policies_exports_to_files_that_plan_no_change()
    {
        var result = Exporter.Export(WithReusable.Scopes[0], ExportOptions.Default);

        result.Problems.ShouldBeEmpty();
        Warnings(ExportedTree.Load(result.Files)).ShouldBeEmpty("the files validate clean, without so much as a warning");
        var plan = ExportedTree.Plan(result.Files, WithReusable);
        plan.HasChanges.ShouldBeFalse(ExportedTree.Dump(result.Files));
        plan.Applications.SelectMany(a => a.Unmanaged).ShouldBeEmpty();
        plan.Reusable.ShouldBeEmpty();
        Approvals.Verify(ExportedTree.Dump(result.Files), "export-examples-account-reusable");
    }

    [Test]
    public void Exporting_one_application_of_the_examples_writes_the_reusable_policies_it_uses_and_no_others()
    {
        var result = Exporter.Export(WithReusable.Scopes[0], ExportOptions.Default with { Applications = ["Grafana"] });

        result.Problems.ShouldBeEmpty();
        result.Files.Select(f => f.RelativePath).ShouldBe(["accesssync.yaml", ExportOptions.SchemaPath, "apps/grafana.yaml", "reusable/allow-sre-on-call.yaml"]);
        var plan = ExportedTree.Plan(result.Files, WithReusable);
        plan.Applications.ShouldHaveSingleItem().HasChanges.ShouldBeFalse();
        plan.Reusable.Where(r => r.Change is not null).Select(r => $"{r.Change!.Kind} {r.Name}").ShouldBe(["Delete Allow SRE", "Delete Emergency lockout", "Delete Old contractor block"], "what only a whole-account export keeps");
    }

    /// <summary>
    /// Every diagnostic but the warning that an application has no policies: the examples' Handbook is new and has
    /// none yet, and its exported file says so truly.
    /// </summary>
    private static IEnumerable<Diagnostics.Diagnostic> Warnings(Loading.LoadResult<Model.Project> loaded) =>
        loaded.Diagnostics.Where(d => !(d.Code == Diagnostics.DiagnosticCodes.NoPolicies && d.Span.Path == "apps/handbook.yaml"));

    /// <summary>
    /// The examples' account as one that has used reusable policies for a while: the Windows jump host's policy is
    /// one AccessSync made for it (it has none of its own), Grafana and the Status page share one after their own
    /// (the Status page's at a gap), and one is attached to nothing. Applications link them as the API's seed does:
    /// by id and precedence alone.
    /// </summary>
    private static string WithReusablePolicies(string liveJson)
    {
        var root = JsonNode.Parse(liveJson)!.AsObject();
        var account = root["accounts"]!.AsObject().Single().Value!.AsObject();
        var apps = account["apps"]!.AsArray().Select(a => a!.AsObject()).ToDictionary(a => (string)a["name"]!);
        var reusable = account["reusable_policies"]!.AsArray();

        var jumpHost = apps["Windows jump host"];
        var made = jumpHost["policies"]![0]!.DeepClone().AsObject();
        made["id"] = "0f3e8a57-2c1d-4b6e-9a8f-7d6c5b4a3920";
        made["name"] = "[Windows jump host] Windows administrators";
        made.Remove("precedence");
        jumpHost["policies"] = new JsonArray(Link(made, 1));

        var shared = new JsonObject
        {
            ["id"] = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            ["name"] = "Allow SRE on call",
            ["decision"] = "allow",
            ["include"] = new JsonArray(new JsonObject { ["group"] = new JsonObject { ["id"] = "d98fd0e1-6ba5-5ddc-bfc5-c5379e414bb2" } }),
            ["session_duration"] = "8h",
        };
        apps["Grafana"]["policies"]!.AsArray().Add(Link(shared, 4));
        apps["Status page"]["policies"]!.AsArray().Add(Link(shared, 6));

        var unused = new JsonObject
        {
            ["id"] = "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e",
            ["name"] = "Emergency lockout",
            ["decision"] = "deny",
            ["include"] = new JsonArray(new JsonObject { ["everyone"] = new JsonObject() }),
        };
        foreach (var policy in new[] { made, shared, unused })
        {
            reusable.Add(policy);
        }

        return root.ToJsonString();

        static JsonObject Link(JsonObject policy, int precedence) => new() { ["id"] = policy["id"]!.DeepClone(), ["precedence"] = precedence };
    }
}
