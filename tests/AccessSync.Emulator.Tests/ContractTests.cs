using System.Net;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>
/// Every operation of access-openapi.json, called once with a valid request: it answers the status the spec
/// declares, in the shape of the spec's response schema (checked by <see cref="ApiClient"/> on every answer).
/// </summary>
public class ContractTests : EmulatorTest
{
    private const string ZonePolicyId = "99999999-0000-4000-8000-000000000001";

    public static IEnumerable<TestCaseData> Operations() =>
        SpecContract.Operations().Select(o => new TestCaseData(o.Method, o.Path).SetName($"{o.OperationId} answers in the spec's shape"));

    [TestCaseSource(nameof(Operations))]
    public async Task Each_operation_answers_its_declared_status_in_its_declared_shape(string method, string template)
    {
        State.PutAppPolicy(Some.ZoneScope, Some.ZoneAppId, new JsonObject { ["id"] = ZonePolicyId, ["name"] = "Zone policy", ["decision"] = "allow", ["include"] = new JsonArray(new JsonObject { ["everyone"] = new JsonObject() }), ["precedence"] = 1 });
        var reusable = template.StartsWith("/accounts/{account_id}/access/policies", StringComparison.Ordinal);
        var zone = template.StartsWith("/zones/", StringComparison.Ordinal);
        var path = template
            .Replace("{account_id}", Some.Account, StringComparison.Ordinal)
            .Replace("{zone_id}", Some.Zone, StringComparison.Ordinal)
            .Replace("{app_id}", zone ? Some.ZoneAppId : Some.GrafanaId, StringComparison.Ordinal)
            .Replace("{policy_id}", reusable ? Some.SpareReusableId : zone ? ZonePolicyId : Some.LegacyPolicyId, StringComparison.Ordinal);
        JsonObject? body = method is "POST" or "PUT"
            ? template.EndsWith("/access/apps", StringComparison.Ordinal) || template.EndsWith("{app_id}", StringComparison.Ordinal)
                ? Some.App()
                : Some.Policy(precedence: reusable ? null : 10)
            : null;
        var declared = SpecContract.Find(method, path)!.Value.Operation["responses"]!.AsObject().Select(r => r.Key).Single(k => k.StartsWith('2'));

        var answer = await Api.Send(new HttpMethod(method), path, body?.ToJsonString());

        ((int)answer.Status).ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe(declared, answer.ToString());
        answer.Body["success"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Test]
    public void The_spec_has_the_27_operations_the_emulator_serves()
    {
        SpecContract.Operations().Count().ShouldBe(27);
    }

    [TestCase("""{"success": "yes", "errors": [], "messages": []}""")]
    [TestCase("""{"success": true, "messages": []}""")]
    [TestCase("""{"success": true, "errors": [], "messages": [], "result": [{"id": 5}]}""")]
    [TestCase("""{"success": true, "errors": [], "messages": [], "result": [{"policies": [{"precedence": "first"}]}]}""")]
    public void The_shape_check_rejects_a_body_that_breaks_the_schema(string body)
    {
        SpecContract.Violations("GET", Some.AccountPath("/access/apps"), 200, body).ShouldNotBeNull().ShouldNotBeEmpty();
    }

    [Test]
    public void The_shape_check_rejects_a_failure_envelope_without_result_null()
    {
        SpecContract.Violations("GET", Some.AccountPath("/access/apps"), 404, """{"success": false, "errors": [{"code": 7003, "message": "x"}], "messages": []}""")
            .ShouldNotBeNull().ShouldNotBeEmpty();
        SpecContract.Violations("GET", Some.AccountPath("/access/apps"), 404, """{"success": false, "errors": [{"code": 7003, "message": "x"}], "messages": [], "result": null}""")
            .ShouldNotBeNull().ShouldBeEmpty();
    }

    [Test]
    public async Task Operations_outside_the_spec_subset_answer_in_the_envelope_too()
    {
        foreach (var path in new[] { $"/access/groups/{Some.GroupId}", "/access/service_tokens", "/access/identity_providers" })
        {
            var answer = await Api.Get(Some.AccountPath(path));

            answer.Status.ShouldBe(HttpStatusCode.OK);
            answer.Body["success"]!.GetValue<bool>().ShouldBeTrue();
            answer.Body["errors"]!.AsArray().ShouldBeEmpty();
            answer.Body["messages"]!.AsArray().ShouldBeEmpty();
        }
    }
}
