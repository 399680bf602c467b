using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Applying;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>What each step sends, and how it judges what the API answered.</summary>
public class ApplyStepTests
{
    private const string File = """
        app: {name: Grafana}
        policies:
          - {name: Allow devs, decision: allow, include: [{group: Developers}], session_duration: 8h}
          - {name: Health, decision: bypass, include: [{ip: 192.0.2.0/24}]}
        """;

    private static readonly Live.LiveState Estate = Some.Live(Some.App(
        "Grafana",
        Some.Policy("Allow devs", 1, extra: "\"session_duration\":\"24h\",\"x_unknown\":{\"kept\":[1,2]},\"created_at\":\"2025-01-01T00:00:00Z\"")));

    [Test]
    public async Task An_update_sends_the_live_policy_with_only_its_managed_fields_replaced_and_without_what_the_api_sets()
    {
        var provider = new FakeAccessProvider(Estate);

        await Applier.ApplyAsync(Some.Plan(Some.Project(File), Estate), provider, Estate, ApplyOptions.Default, CancellationToken.None);

        var body = provider.Bodies.Single(b => b.Write.StartsWith("update \"Allow devs\"", StringComparison.Ordinal)).Body;
        body.ToJsonString().ShouldBe(
            """{"name":"Allow devs","decision":"allow","include":[{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}}],"precedence":1,"session_duration":"8h","x_unknown":{"kept":[1,2]}}""");
    }

    [Test]
    public async Task A_create_sends_only_the_managed_fields_at_its_precedence()
    {
        var provider = new FakeAccessProvider(Estate);

        await Applier.ApplyAsync(Some.Plan(Some.Project(File), Estate), provider, Estate, ApplyOptions.Default, CancellationToken.None);

        var body = provider.Bodies.Single(b => b.Write.StartsWith("create \"Health\"", StringComparison.Ordinal)).Body;
        body.ShouldNotContainKey("id");
        ((string?)body["name"]).ShouldBe("Health");
        ((int?)body["precedence"]).ShouldBe(2);
    }

    [Test]
    public async Task A_write_the_api_accepted_without_giving_back_the_object_fails_as_unchecked()
    {
        var create = Steps().OfType<CreateStep>().Single();

        var failure = await create.WriteAsync(new AnsweringWriter(WriteAnswer.Done(null)), new LiveObjects([]), CancellationToken.None);

        failure.Failure.ShouldBe("the API answered without the object it wrote, so the write could not be checked");
    }

    [Test]
    public async Task A_write_the_api_refused_fails_with_the_api_error_and_leaves_the_live_objects_alone()
    {
        var update = Steps().OfType<UpdateStep>().Single();
        var live = new LiveObjects(Estate.Scopes[0].Applications[0].Policies);
        var before = live.Policy(update.PolicyId);

        var failure = await update.WriteAsync(new AnsweringWriter(WriteAnswer.Failed("Cloudflare API error 10001")), live, CancellationToken.None);

        failure.Failure.ShouldBe("Cloudflare API error 10001");
        failure.LiveChanged.ShouldBeFalse();
        live.Policy(update.PolicyId).ShouldBe(before);
    }

    [TestCase(12130, true)]
    [TestCase(12135, true)]
    [TestCase(10001, false)]
    public async Task A_refusal_for_a_precedence_taken_or_a_policy_gone_is_one_live_changed_under_the_write(int code, bool liveChanged)
    {
        var update = Steps().OfType<UpdateStep>().Single();

        var result = await update.WriteAsync(new AnsweringWriter(WriteAnswer.Failed($"Cloudflare API error {code}", [code])), new LiveObjects(Estate.Scopes[0].Applications[0].Policies), CancellationToken.None);

        result.LiveChanged.ShouldBe(liveChanged);
    }

    [Test]
    public async Task A_field_the_answer_shows_unapplied_is_the_apis_doing_and_not_a_live_change()
    {
        var update = Steps().OfType<UpdateStep>().Single();

        var result = await update.WriteAsync(new AnsweringWriter(WriteAnswer.Done(Estate.Scopes[0].Applications[0].Policies[0].Raw)), new LiveObjects(Estate.Scopes[0].Applications[0].Policies), CancellationToken.None);

        result.Failure.ShouldNotBeNull();
        result.LiveChanged.ShouldBeFalse();
    }

    [Test]
    public async Task A_write_whose_answer_was_lost_is_done_when_the_object_read_afterwards_is_what_it_sent()
    {
        var update = Steps().OfType<UpdateStep>().Single();
        var live = new LiveObjects(Estate.Scopes[0].Applications[0].Policies);
        var held = update.Body(live);
        held["id"] = update.PolicyId;
        var answer = WriteAnswer.ReadAfterLostAnswer(JsonSerializer.SerializeToElement(held), "no answer");

        var result = await update.WriteAsync(new AnsweringWriter(answer), live, CancellationToken.None);

        result.Failure.ShouldBeNull();
        result.Note.ShouldBe("its answer was lost; a read confirmed it");
    }

    [Test]
    public async Task A_write_whose_answer_was_lost_fails_with_its_error_when_the_object_read_afterwards_is_not_what_it_sent()
    {
        var update = Steps().OfType<UpdateStep>().Single();
        var live = new LiveObjects(Estate.Scopes[0].Applications[0].Policies);
        var answer = WriteAnswer.ReadAfterLostAnswer(Estate.Scopes[0].Applications[0].Policies[0].Raw, "no answer");

        var result = await update.WriteAsync(new AnsweringWriter(answer), live, CancellationToken.None);

        result.Failure.ShouldNotBeNull();
        result.Failure.ShouldStartWith("no answer; a read afterwards found the API did not apply session_duration");
        result.LiveChanged.ShouldBeFalse("most often the write did not happen, which the report must say");
    }

    [Test]
    public void A_read_back_records_what_the_api_holds_so_the_next_write_starts_from_it()
    {
        var update = Steps().OfType<UpdateStep>().Single();
        var live = new LiveObjects(Estate.Scopes[0].Applications[0].Policies);
        var answered = update.Body(live);
        answered["id"] = update.PolicyId;
        answered["x_new"] = true;

        update.CheckReadBack(JsonSerializer.SerializeToElement(answered), live).ShouldBeNull();

        update.Body(live)["x_new"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Test]
    public void A_read_back_names_each_managed_field_the_api_kept_otherwise()
    {
        var update = Steps().OfType<UpdateStep>().Single();
        var live = new LiveObjects(Estate.Scopes[0].Applications[0].Policies);

        var failure = update.CheckReadBack(Estate.Scopes[0].Applications[0].Policies[0].Raw, live);

        failure.ShouldNotBeNull();
        failure.ShouldStartWith("the API did not apply session_duration (sent \"8h\", it kept \"24h\")");
    }

    private static IEnumerable<ApplyStep> Steps() =>
        ApplySequencer.Order(Some.Plan(Some.Project(File), Estate).Applications.Single(), Estate.Scopes[0].Applications[0]);

    /// <summary>A writer whose every endpoint gives the same answer.</summary>
    private sealed class AnsweringWriter(WriteAnswer answer) : IAccessWriter
    {
        public Task<WriteAnswer> CreatePolicyAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<WriteAnswer> UpdatePolicyAsync(AppTarget app, string policyId, JsonObject body, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<WriteAnswer> DeletePolicyAsync(AppTarget app, string policyId, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<WriteAnswer> CreateReusablePolicyAsync(Scope account, JsonObject body, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<WriteAnswer> UpdateReusablePolicyAsync(Scope account, string policyId, JsonObject body, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<WriteAnswer> DeleteReusablePolicyAsync(Scope account, string policyId, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<WriteAnswer> MakePolicyReusableAsync(AppTarget owner, string policyId, CancellationToken cancellationToken) => Task.FromResult(answer);

        public Task<WriteAnswer> UpdateApplicationAsync(AppTarget app, JsonObject body, CancellationToken cancellationToken) => Task.FromResult(answer);
    }
}
