using System.Net;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>Access groups, service tokens and identity providers: read-only lists.</summary>
public class DirectoryTests : EmulatorTest
{
    [Test]
    public async Task Groups_are_listed_filtered_and_fetched_by_id()
    {
        var list = await Api.Get(Some.AccountPath("/access/groups"));
        list.ResultArray.Select(g => g!["name"]!.GetValue<string>()).ShouldBe(["Developers"]);
        list.ResultArray[0]!["created_at"].ShouldNotBeNull();

        (await Api.Get(Some.AccountPath("/access/groups?name=dev"))).ResultArray.Count.ShouldBe(1);
        (await Api.Get(Some.AccountPath("/access/groups?search=ops"))).ResultArray.ShouldBeEmpty();
        (await Api.Get(Some.AccountPath($"/access/groups/{Some.GroupId}"))).ResultObject["name"]!.GetValue<string>().ShouldBe("Developers");
        (await Api.Get(Some.AccountPath("/access/groups/99999999-9999-4999-8999-999999999999"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Api.Get(Some.ZonePath("/access/groups"))).ResultArray.ShouldBeEmpty();
    }

    [Test]
    public async Task Service_tokens_are_listed_without_their_secret()
    {
        var answer = await Api.Get(Some.AccountPath("/access/service_tokens"));

        var token = answer.ResultArray.Single()!.AsObject();
        token["name"]!.GetValue<string>().ShouldBe("CI deploy bot");
        token["client_id"]!.GetValue<string>().ShouldBe("abc.access");
        token.ContainsKey("client_secret").ShouldBeFalse();
        answer.Body.ToJsonString().ShouldNotContain("must-never-show");
        State.Export().ToJsonString().ShouldNotContain("must-never-show");
    }

    [Test]
    public async Task Identity_providers_are_listed()
    {
        var answer = await Api.Get(Some.AccountPath("/access/identity_providers"));

        answer.ResultArray.Single()!["type"]!.GetValue<string>().ShouldBe("okta");
        answer.ResultInfo["total_count"]!.GetValue<int>().ShouldBe(1);
    }
}
