using System.Text.Json;
using AccessSync.Core.PlanFiles;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests;

public class PlanFileTests
{
    [Test]
    public void A_realistic_plan_is_written_as_approved()
    {
        Approvals.Verify(Write(SamplePlans.Realistic()), "plan-json");
    }

    [Test]
    public void A_plan_with_reusable_policies_is_written_as_approved()
    {
        Approvals.Verify(Write(SamplePlans.WithReusable()), "plan-json-reusable");
    }

    [Test]
    public void A_plan_with_access_tests_lists_every_case_under_access_tests()
    {
        Approvals.Verify(Write(SamplePlans.WithAccessTests()), "plan-json-access-tests");
    }

    [Test]
    public void A_plan_without_access_tests_is_written_without_the_member()
    {
        using var document = JsonDocument.Parse(Write(SamplePlans.Realistic()));

        document.RootElement.TryGetProperty("access_tests", out var _).ShouldBeFalse();
    }

    [TestCaseSource(nameof(Samples))]
    public void Equal_plans_are_written_to_the_same_bytes(Func<Plan> sample)
    {
        Write(sample()).ShouldBe(Write(sample()));
    }

    [TestCaseSource(nameof(Samples))]
    public void A_plan_read_back_equals_the_plan_written(Func<Plan> sample)
    {
        var plan = sample();

        var read = PlanFileReader.Read(Write(plan));

        // Records compare their ImmutableArray members by reference, so the comparison is member by member.
        read.ShouldBeEquivalentTo(plan);
    }

    [TestCaseSource(nameof(Samples))]
    public void A_plan_read_back_renders_as_the_plan_written_in_every_format(Func<Plan> sample)
    {
        var plan = sample();

        var read = PlanFileReader.Read(Write(plan));

        Write(read).ShouldBe(Write(plan));
        new TextPlanRenderer(new TextPlanOptions(UseColor: true)).Render(read).ShouldBe(new TextPlanRenderer(new TextPlanOptions(UseColor: true)).Render(plan));
        new MarkdownPlanRenderer().Render(read).ShouldBe(new MarkdownPlanRenderer().Render(plan));
    }

    [Test]
    public void A_plan_read_back_keeps_the_reusable_policies_and_their_attaches_to_the_value()
    {
        var plan = SamplePlans.WithReusable();

        var read = PlanFileReader.Read(Write(plan));

        read.Reusable.Select(r => (r.Account, r.Name, r.FilePath, r.Change?.Kind, string.Join(", ", r.Apps)))
            .ShouldBe(plan.Reusable.Select(r => (r.Account, r.Name, r.FilePath, r.Change?.Kind, string.Join(", ", r.Apps))));
        read.Reusable.Select(r => r.Change).OfType<CreatePolicy>().Select(c => (c.Desired.Precedence, c.Desired.Span, string.Join(", ", c.Desired.Fields)))
            .ShouldBe(plan.Reusable.Select(r => r.Change).OfType<CreatePolicy>().Select(c => (0, c.Desired.Span, string.Join(", ", c.Desired.Fields))));
        read.Reusable.Select(r => r.Change).OfType<UpdatePolicy>().Single().Fields.ShouldBe(plan.Reusable.Select(r => r.Change).OfType<UpdatePolicy>().Single().Fields);
        read.Reusable.Select(r => r.Change).OfType<DeletePolicy>().Single().Precedence.ShouldBeNull();
        AttachesAndDetaches(read).ShouldBe(AttachesAndDetaches(plan));
        AttachesAndDetaches(read).ShouldContain(new AttachPolicy(null, "All staff", Model.Decision.Allow, 1));
        read.Applications.Single(a => a.App.Name == "Deploy API").Fingerprint.ShouldNotBeNull();
    }

    [Test]
    public void A_plan_without_reusable_policies_is_written_as_before_they_existed()
    {
        using var document = JsonDocument.Parse(Write(SamplePlans.Realistic()));

        document.RootElement.TryGetProperty("reusable", out var _).ShouldBeFalse();
        document.RootElement.GetProperty("summary").EnumerateObject().Select(p => p.Name).ShouldBe(["create", "update", "delete", "reorder"]);
    }

    [Test]
    public void A_plan_saved_by_a_version_before_reusable_policies_reads_as_one_with_none_and_keeps_its_changes()
    {
        // Written by the version before reusable policies: reusable ones attached appear only as unmanaged entries.
        var saved = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "AccessSync.Core.Tests", "Fixtures", "plan-saved-before-reusable-policies.json"));

        var read = PlanFileReader.Read(saved);

        read.Reusable.ShouldBeEmpty();
        read.Summary.ToString().ShouldBe("Plan: 2 to create, 3 to update, 1 to delete, 2 to reorder.");
        read.Applications.SelectMany(a => a.Changes).Any(c => c is AttachPolicy or DetachPolicy).ShouldBeFalse();
        var admin = read.Applications.Single(a => a.App.Name == "Admin console");
        admin.Unmanaged.ShouldHaveSingleItem().ShouldBe(new UnmanagedPolicy("2440c75d-8795-c018-d09a-e95972c7495e", "Shared baseline", 5, IsReusable: true));
        new TextPlanRenderer().Render(read).ShouldContain("reusable policy \"Shared baseline\" (precedence 5) is attached to the application; it is managed elsewhere and left as it is");
    }

    [Test]
    public void The_summary_counts_attaches_and_detaches_and_a_reusable_widening_names_the_applications_it_reaches()
    {
        using var document = JsonDocument.Parse(Write(SamplePlans.WithReusable()));
        var root = document.RootElement;

        root.GetProperty("summary").EnumerateObject().Select(p => (p.Name, p.Value.GetInt32()))
            .ShouldBe([("create", 4), ("update", 1), ("delete", 3), ("reorder", 0), ("attach", 3), ("detach", 1)]);
        var widening = root.GetProperty("widening")[0];
        widening.GetProperty("app_id").GetString().ShouldBe(string.Empty);
        widening.GetProperty("policy").GetString().ShouldBe("Block contractors");
        widening.GetProperty("apps").EnumerateArray().Select(a => a.GetString()).ShouldBe(["Grafana", "Wiki"]);
        root.GetProperty("widening").EnumerateArray().Skip(1).Count(w => w.TryGetProperty("apps", out var _)).ShouldBe(0);
        var unused = root.GetProperty("reusable").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Legacy shared");
        unused.GetProperty("change").ValueKind.ShouldBe(JsonValueKind.Null);
        unused.GetProperty("account").GetString().ShouldBe(Some.Account.Id);
    }

    [Test]
    public void A_reusable_policy_s_change_that_is_not_a_create_update_or_delete_is_refused_where_it_is()
    {
        var json = Write(SamplePlans.WithReusable()).Replace(
            "\"change\": null",
            "\"change\": {\"kind\": \"detach\", \"policy_id\": \"x\", \"name\": \"Legacy shared\", \"decision\": null, \"precedence\": null}",
            StringComparison.Ordinal);

        Should.Throw<PlanFormatException>(() => PlanFileReader.Read(json)).Message
            .ShouldBe("reusable[3].change.kind: a reusable policy is created, updated or deleted, not detach");
    }

    [Test]
    public void A_plan_read_back_keeps_what_apply_needs_to_the_value()
    {
        var plan = SamplePlans.Realistic();

        var read = PlanFileReader.Read(Write(plan));

        var (before, after) = (Updates(plan), Updates(read));
        after.Select(u => u.Desired.Span).ShouldBe(before.Select(u => u.Desired.Span));
        after.Select(u => u.Desired.Fields.ToList()).ShouldBe(before.Select(u => u.Desired.Fields.ToList()));
        after.SelectMany(u => u.Fields).ShouldBe(before.SelectMany(u => u.Fields));
        after.Select(u => u.Fingerprint).ShouldBe(before.Select(u => u.Fingerprint));
        read.Applications.Select(a => a.Fingerprint).ShouldBe(plan.Applications.Select(a => a.Fingerprint));
        read.Applications.SelectMany(a => a.Unmanaged).ShouldBe(plan.Applications.SelectMany(a => a.Unmanaged));
        read.Names.ShouldBe(plan.Names);
    }

    [Test]
    public void Names_in_any_letters_survive_the_round_trip_as_the_planner_wrote_them()
    {
        var plan = Some.Plan(
            Some.Project("app: {name: Grafana}\npolicies:\n  - {name: \"Équipe <ops> & 'dev' \\\"β\\\"\", decision: allow, include: [{group: Developers}], purpose_justification_prompt: \"Pourquoi — «ünï»\\n?\"}\n  - {name: Kept, decision: allow, include: [{group: Developers}]}\n"),
            Some.Live(Some.App("Grafana", Some.Policy("Kept", 2))));

        var written = Write(plan);
        var read = PlanFileReader.Read(written);

        written.ShouldContain("\"name\": \"Équipe <ops> & 'dev' \\\"β\\\"\"");
        read.Applications[0].Changes[0].ShouldBeOfType<CreatePolicy>().Desired.Fields.ShouldBe(plan.Applications[0].Changes[0].ShouldBeOfType<CreatePolicy>().Desired.Fields);
        Write(read).ShouldBe(written);
    }

    [Test]
    public void A_deleted_policy_of_a_decision_this_version_does_not_know_round_trips()
    {
        var live = Some.Live(Some.App("Grafana", Some.Policy("Allow devs", 1), Some.Policy("From the future", 2, decision: "quarantine")));
        var plan = Some.Plan(Some.Project("app: {name: Grafana}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: Developers}]}\n"), live);

        var read = PlanFileReader.Read(Write(plan));

        var delete = read.Applications[0].Changes.ShouldHaveSingleItem().ShouldBeOfType<DeletePolicy>();
        delete.Decision.ShouldBeNull();
        delete.Before["decision"].ShouldBe("\"quarantine\"");
        delete.Precedence.ShouldBe(2);
    }

    [Test]
    public void Field_values_are_json_and_not_strings_holding_json()
    {
        using var document = JsonDocument.Parse(Write(SamplePlans.Realistic()));

        var deployApi = document.RootElement.GetProperty("applications").EnumerateArray().Single(a => a.GetProperty("app").GetProperty("name").GetString() == "Deploy API");
        var create = deployApi.GetProperty("changes")[0];
        create.GetProperty("kind").GetString().ShouldBe("create");
        create.GetProperty("policy").GetProperty("fields").GetProperty("include").ValueKind.ShouldBe(JsonValueKind.Array);
        document.RootElement.GetProperty("format_version").GetInt32().ShouldBe(1);
    }

    [TestCase("{", "the plan is not valid JSON: ")]
    [TestCase("[]", "$: expected an object, found array")]
    [TestCase("{\"applications\": []}", "not an AccessSync plan: it has no format_version")]
    [TestCase("{\"format_version\": 2, \"applications\": []}", "the plan has format_version 2; this AccessSync reads format_version 1")]
    [TestCase("{\"format_version\": 1, \"names\": {}}", "$: `applications` is missing")]
    [TestCase("{\"format_version\": 1, \"applications\": {}, \"names\": {}}", "applications: expected an array, found object")]
    public void A_file_that_is_not_a_plan_of_this_version_is_refused_with_what_is_wrong(string json, string message)
    {
        Should.Throw<PlanFormatException>(() => PlanFileReader.Read(json)).Message.ShouldStartWith(message);
    }

    [TestCase("$.names", "{\"x\": 1}", "names[\"x\"]: expected a string, found number")]
    [TestCase("$.applications[0].app.name", "null", "applications[0].app.name: expected a string, found null")]
    [TestCase("$.applications[0].app.scope_kind", "\"galaxy\"", "applications[0].app.scope_kind: expected one of account, zone, found \"galaxy\"")]
    [TestCase("$.applications[0].live_policy_count", "1.5", "applications[0].live_policy_count: expected a whole number, found number")]
    [TestCase("$.applications[0].fingerprint", null, "applications[0]: `fingerprint` is missing")]
    [TestCase("$.applications[1].changes[0].kind", null, "applications[1].changes[0]: `kind` is missing")]
    [TestCase("$.applications[1].changes[0].policy.decision", "\"maybe\"", "applications[1].changes[0].policy.decision: expected one of allow, deny, non_identity, bypass, found \"maybe\"")]
    [TestCase("$.applications[1].changes[0].policy.span.line", "\"one\"", "applications[1].changes[0].policy.span.line: expected a whole number, found string")]
    [TestCase("$.safety.allow_empty_apps", "\"no\"", "safety.allow_empty_apps: expected true or false, found string")]
    [TestCase("$.safety.max_delete_percent", "[]", "safety.max_delete_percent: expected a number, found array")]
    public void A_member_of_the_wrong_kind_or_missing_is_refused_where_it_is(string path, string? value, string message)
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(Write(SamplePlans.Realistic()))!;
        var (parent, name) = Parent(document, path);
        if (value is null)
        {
            parent.AsObject().Remove(name);
        }
        else
        {
            parent[name] = System.Text.Json.Nodes.JsonNode.Parse(value);
        }

        Should.Throw<PlanFormatException>(() => PlanFileReader.Read(document.ToJsonString())).Message.ShouldBe(message);
    }

    [Test]
    public void A_change_of_an_unknown_kind_is_refused_where_it_is()
    {
        var json = Write(SamplePlans.Realistic()).Replace("\"kind\": \"reorder\"", "\"kind\": \"rename\"", StringComparison.Ordinal);

        Should.Throw<PlanFormatException>(() => PlanFileReader.Read(json)).Message
            .ShouldBe("applications[3].changes[3].kind: expected one of delete, create, update, reorder, attach, detach, found \"rename\"");
    }

    private static IEnumerable<TestCaseData> Samples() =>
    [
        new TestCaseData((Func<Plan>)SamplePlans.Realistic).SetArgDisplayNames("realistic"),
        new TestCaseData((Func<Plan>)SamplePlans.WithReusable).SetArgDisplayNames("with reusable policies"),
        new TestCaseData((Func<Plan>)SamplePlans.WithAccessTests).SetArgDisplayNames("with access tests"),
    ];

    private static List<PolicyChange> AttachesAndDetaches(Plan plan) =>
        [.. plan.Applications.SelectMany(a => a.Changes).Where(c => c is AttachPolicy or DetachPolicy)];

    private static List<UpdatePolicy> Updates(Plan plan) => [.. plan.Applications.SelectMany(a => a.Changes).OfType<UpdatePolicy>()];

    private static string Write(Plan plan) => PlanFileWriter.Write(PlanReviewer.Review(plan));

    /// <summary>The object holding the member a <c>$.a[0].b</c> path names, and the member's name.</summary>
    private static (System.Text.Json.Nodes.JsonNode Parent, string Name) Parent(System.Text.Json.Nodes.JsonNode root, string path)
    {
        var steps = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var node = root;
        foreach (var step in steps[..^1])
        {
            node = step.StartsWith('[') ? node[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!;
        }

        return (node, steps[^1]);
    }
}
