using System.Net;
using System.Text.Json.Nodes;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>Access applications: list, get, create, update, delete, in both scopes.</summary>
public class AppTests : EmulatorTest
{
    [Test]
    public async Task Creating_an_app_answers_201_with_an_id_aud_and_timestamps()
    {
        var answer = await Api.Post(Some.AccountPath("/access/apps"), Some.App("Jira", "jira.example.com"));

        answer.Status.ShouldBe(HttpStatusCode.Created);
        answer.Body["success"]!.GetValue<bool>().ShouldBeTrue();
        var app = answer.ResultObject;
        Guid.TryParse(app["id"]!.GetValue<string>(), out _).ShouldBeTrue();
        app["aud"]!.GetValue<string>().Length.ShouldBe(64);
        app["name"]!.GetValue<string>().ShouldBe("Jira");
        app["created_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        app["updated_at"]!.GetValue<string>().ShouldBe("2026-01-02T03:04:05Z");
        app["policies"]!.AsArray().ShouldBeEmpty();
    }
}
