using System.Net;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>
/// The lost-answer fault: a write is carried out and committed, then the connection is reset, so the client sees a
/// transport failure for a change the state has; the request log says which writes those were.
/// </summary>
public class LostAnswerTests : EmulatorTest
{
    private static readonly string Apps = Some.AccountPath("/access/apps");
    private static readonly string GrafanaPolicies = Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies");
    private static readonly string LegacyPolicy = $"{GrafanaPolicies}/{Some.LegacyPolicyId}";

    [SetUp]
    public void LoseEveryAnswer() => Server.Faults.LostAnswerRate = 1.0;

    [Test]
    public async Task A_post_is_created_but_the_client_sees_no_answer()
    {
        await ShouldSeeNoAnswer(() => Api.Post(Apps, Some.App("Jira", "jira.example.com")));

        State.Apps(Some.AccountScope).ShouldContain(a => a["name"]!.GetValue<string>() == "Jira");
        LastRequestShouldBeCommittedWithoutAnswer("POST", 201);
    }

    [Test]
    public async Task A_put_is_applied_but_the_client_sees_no_answer()
    {
        await ShouldSeeNoAnswer(() => Api.Put(LegacyPolicy, Some.Policy("Renamed", precedence: 1)));

        State.AppPolicies(Some.AccountScope, Some.GrafanaId).ShouldContain(p => p["name"]!.GetValue<string>() == "Renamed");
        LastRequestShouldBeCommittedWithoutAnswer("PUT", 200);
    }

    [Test]
    public async Task A_delete_is_carried_out_but_the_client_sees_no_answer()
    {
        await ShouldSeeNoAnswer(() => Api.Delete(LegacyPolicy));

        State.AppPolicies(Some.AccountScope, Some.GrafanaId).ShouldNotContain(p => p["id"]!.GetValue<string>() == Some.LegacyPolicyId);
        LastRequestShouldBeCommittedWithoutAnswer("DELETE", 202);
    }

    [Test]
    public async Task Make_reusable_is_carried_out_but_the_client_sees_no_answer()
    {
        await ShouldSeeNoAnswer(() => Api.Put($"{LegacyPolicy}/make_reusable"));

        State.ReusablePolicy(Some.Account, Some.LegacyPolicyId).ShouldNotBeNull();
        LastRequestShouldBeCommittedWithoutAnswer("PUT", 200);
    }

    [Test]
    public async Task An_app_put_is_applied_but_the_client_sees_no_answer()
    {
        await ShouldSeeNoAnswer(() => Api.Put(Some.AccountPath($"/access/apps/{Some.GrafanaId}"), Some.App("Grafana renamed")));

        State.App(Some.AccountScope, Some.GrafanaId)!["name"]!.GetValue<string>().ShouldBe("Grafana renamed");
        LastRequestShouldBeCommittedWithoutAnswer("PUT", 200);
    }

    [Test]
    public async Task A_refused_write_loses_its_answer_too_and_the_log_says_nothing_was_committed()
    {
        await ShouldSeeNoAnswer(() => Api.Post(GrafanaPolicies, Some.Policy(precedence: 2)));

        State.AppPolicies(Some.AccountScope, Some.GrafanaId).Count.ShouldBe(2);
        var request = Server.Requests.All[^1];
        request.Status.ShouldBe(0);
        request.UnsentStatus.ShouldBe(400);
        request.CommittedWithoutAnswer.ShouldBeFalse();
    }

    [Test]
    public async Task Reads_always_answer()
    {
        (await Api.Get(Apps)).Status.ShouldBe(HttpStatusCode.OK);

        var request = Server.Requests.All[^1];
        request.Status.ShouldBe(200);
        request.UnsentStatus.ShouldBeNull();
        request.CommittedWithoutAnswer.ShouldBeFalse();
    }

    [Test]
    public async Task A_scripted_reset_after_commit_is_logged_as_a_lost_answer_too()
    {
        Server.Faults.LostAnswerRate = 0;
        Server.Faults.Enqueue(Fault.ResetAfterCommit().When("POST"));

        await ShouldSeeNoAnswer(() => Api.Post(Apps, Some.App("Jira", "jira.example.com")));

        LastRequestShouldBeCommittedWithoutAnswer("POST", 201);
    }

    [Test]
    public async Task With_the_same_random_seed_the_same_writes_lose_their_answers()
    {
        var first = await LostPattern(randomSeed: 7);
        var second = await LostPattern(randomSeed: 7);

        second.ShouldBe(first);
        first.ShouldContain(true);
        first.ShouldContain(false);
    }

    [Test]
    public async Task Resetting_the_faults_switches_it_off_and_a_rate_outside_zero_to_one_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Server.Faults.LostAnswerRate = 1.5);

        Server.Faults.Reset();

        Server.Faults.LostAnswerRate.ShouldBe(0);
        (await Api.Post(Apps, Some.App("Jira", "jira.example.com"))).Status.ShouldBe(HttpStatusCode.Created);
    }

    private static async Task ShouldSeeNoAnswer(Func<Task<ApiAnswer>> write) => await Should.ThrowAsync<HttpRequestException>(write);

    private void LastRequestShouldBeCommittedWithoutAnswer(string method, int unsentStatus)
    {
        var request = Server.Requests.All[^1];
        request.Method.ShouldBe(method);
        request.Status.ShouldBe(0);
        request.UnsentStatus.ShouldBe(unsentStatus);
        request.CommittedWithoutAnswer.ShouldBeTrue();
    }

    /// <summary>Which of 16 app creations lost their answer, at a rate of one half with this seed.</summary>
    private async Task<bool[]> LostPattern(int randomSeed)
    {
        await using var server = await EmulatorServer.StartAsync(Options(Clock) with { RandomSeed = randomSeed });
        server.Faults.LostAnswerRate = 0.5;
        using var api = new ApiClient(server.BaseUrl);
        for (var i = 0; i < 16; i++)
        {
            try
            {
                await api.Post(Apps, Some.App($"App {i}", $"app{i}.example.com"));
            }
            catch (HttpRequestException)
            {
                // A lost answer; the log below says which.
            }
        }

        server.State.Apps(Some.AccountScope).Count.ShouldBe(2 + 16, "every write is committed, answered or not");
        return [.. server.Requests.All.Select(r => r.CommittedWithoutAnswer)];
    }
}
