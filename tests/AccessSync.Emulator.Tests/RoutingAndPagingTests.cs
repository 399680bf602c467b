using System.Net;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>Unknown routes and methods, and page-number paging with its limits.</summary>
public class RoutingAndPagingTests : EmulatorTest
{
    [TestCase("/accounts/" + Some.Account + "/access/nothing")]
    [TestCase("/zones/" + Some.Zone + "/access/policies")]
    [TestCase("/elsewhere")]
    [TestCase("/zones/" + Some.Zone + "/access/apps/" + Some.ZoneAppId + "/policies/" + Some.LegacyPolicyId + "/make_reusable")]
    public async Task An_unknown_route_is_a_404_no_route_for_the_uri(string path)
    {
        var answer = await Api.Get(path);

        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.ErrorCode.ShouldBe(7003);
        answer.ErrorMessage.ShouldBe("No route for the URI");
        answer.Body["result"].ShouldBeNull();
    }

    [Test]
    public async Task A_method_a_route_does_not_have_is_a_405()
    {
        var answer = await Api.Send(HttpMethod.Patch, Some.AccountPath("/access/apps"), "{}");

        answer.Status.ShouldBe(HttpStatusCode.MethodNotAllowed);
        answer.ErrorCode.ShouldBe(7001);
    }

    private async Task AddApps(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Api.Post(Some.AccountPath("/access/apps"), Some.App($"App {i:00}", $"app{i:00}.example.com"));
        }
    }

    [Test]
    public async Task Paging_walks_every_app_once_and_answers_an_empty_page_past_the_end()
    {
        await AddApps(5); // 7 apps with the two seeded ones
        var seen = new List<string>();

        for (var page = 1; page <= 3; page++)
        {
            var answer = await Api.Get(Some.AccountPath($"/access/apps?page={page}&per_page=3"));
            var info = answer.ResultInfo;
            info["page"]!.GetValue<int>().ShouldBe(page);
            info["per_page"]!.GetValue<int>().ShouldBe(3);
            info["count"]!.GetValue<int>().ShouldBe(page < 3 ? 3 : 1);
            info["total_count"]!.GetValue<int>().ShouldBe(7);
            info["total_pages"]!.GetValue<int>().ShouldBe(3);
            seen.AddRange(answer.ResultArray.Select(a => a!["name"]!.GetValue<string>()));
        }

        seen.Count.ShouldBe(7);
        seen.Distinct().Count().ShouldBe(7);
        var past = await Api.Get(Some.AccountPath("/access/apps?page=4&per_page=3"));
        past.Status.ShouldBe(HttpStatusCode.OK);
        past.ResultArray.ShouldBeEmpty();
        past.ResultInfo["count"]!.GetValue<int>().ShouldBe(0);
        past.ResultInfo["total_count"]!.GetValue<int>().ShouldBe(7);
    }

    [TestCase("/access/apps", 1000)]
    [TestCase("/access/apps/" + Some.GrafanaId + "/policies", 200)]
    [TestCase("/access/policies", 100)]
    [TestCase("/access/groups", 1000)]
    public async Task Each_list_has_its_default_page_size(string path, int perPage)
    {
        var answer = await Api.Get(Some.AccountPath(path));

        answer.ResultInfo["per_page"]!.GetValue<int>().ShouldBe(perPage);
        answer.ResultInfo["page"]!.GetValue<int>().ShouldBe(1);
    }

    [Test]
    public async Task Per_page_1000_is_accepted()
    {
        (await Api.Get(Some.AccountPath("/access/apps?per_page=1000"))).Status.ShouldBe(HttpStatusCode.OK);
    }

    [TestCase("per_page=1001")]
    [TestCase("per_page=0")]
    [TestCase("per_page=-5")]
    [TestCase("per_page=ten")]
    [TestCase("page=0")]
    [TestCase("page=x")]
    public async Task A_page_parameter_out_of_range_is_a_400_invalid_request_parameters(string query)
    {
        foreach (var path in new[] { "/access/apps", "/access/policies", $"/access/apps/{Some.GrafanaId}/policies", "/access/groups" })
        {
            var answer = await Api.Get(Some.AccountPath($"{path}?{query}"));

            answer.Status.ShouldBe(HttpStatusCode.BadRequest);
            answer.ErrorCode.ShouldBe(6008);
            answer.Body["errors"]![0]!["error_chain"]![0]!["code"]!.GetValue<int>().ShouldBe(11000);
        }
    }

    [Test]
    public async Task Paging_the_reusable_policies_and_app_policies_lists_works_the_same()
    {
        for (var i = 0; i < 3; i++)
        {
            await Api.Post(Some.AccountPath("/access/policies"), Some.Policy($"R{i}"));
            await Api.Post(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies"), Some.Policy($"P{i}"));
        }

        var reusable = await Api.Get(Some.AccountPath("/access/policies?page=2&per_page=2"));
        reusable.ResultArray.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["R0", "R1"]);
        reusable.ResultInfo["total_pages"]!.GetValue<int>().ShouldBe(3);
        var policies = await Api.Get(Some.AccountPath($"/access/apps/{Some.GrafanaId}/policies?page=3&per_page=2"));
        policies.ResultArray.Select(p => p!["name"]!.GetValue<string>()).ShouldBe(["P2"]);
    }
}
