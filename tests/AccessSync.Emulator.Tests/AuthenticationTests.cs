using System.Net;
using System.Net.Http.Headers;
using AccessSync.Emulator.Tests.Support;

namespace AccessSync.Emulator.Tests;

/// <summary>Credentials: a Bearer token or X-Auth-Email + X-Auth-Key, refused with the API's codes.</summary>
public class AuthenticationTests
{
    private static readonly string Apps = Some.AccountPath("/access/apps");

    private static async Task<ApiAnswer> Ask(EmulatorCredentials? accepted, Action<HttpRequestMessage> authenticate)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { Seed = Some.Seed(), Credentials = accepted });
        using var api = new ApiClient(server.BaseUrl, authenticate);
        return await api.Get(Apps);
    }

    private static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static Action<HttpRequestMessage> Key(string email, string key) => r =>
    {
        r.Headers.Add("X-Auth-Email", email);
        r.Headers.Add("X-Auth-Key", key);
    };

    [Test]
    public async Task The_configured_token_is_accepted()
    {
        var answer = await Ask(EmulatorCredentials.Token("secret-1"), Bearer("secret-1"));

        answer.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task No_credential_is_a_400_naming_the_missing_headers()
    {
        var answer = await Ask(EmulatorCredentials.Token("secret-1"), _ => { });

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Body["success"]!.GetValue<bool>().ShouldBeFalse();
        answer.Body["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<int>()).ShouldBe([9106, 9107]);
        answer.ErrorMessage.ShouldBe("Missing X-Auth-Email header");
    }

    [Test]
    public async Task A_wrong_token_is_a_403_authentication_error_10000()
    {
        var answer = await Ask(EmulatorCredentials.Token("secret-1"), Bearer("secret-2"));

        answer.Status.ShouldBe(HttpStatusCode.Forbidden);
        answer.ErrorCode.ShouldBe(10000);
        answer.ErrorMessage.ShouldBe("Authentication error");
        answer.ToString().ShouldNotContain("secret");
    }

    [TestCase("Basic dXNlcjpwYXNz")]
    [TestCase("Bearer")]
    [TestCase("Bearer two words")]
    public async Task A_malformed_authorization_header_is_a_400_invalid_request_headers(string header)
    {
        var answer = await Ask(EmulatorCredentials.Token("secret-1"), r => r.Headers.TryAddWithoutValidation("Authorization", header));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.ErrorCode.ShouldBe(6003);
        answer.Body["errors"]![0]!["error_chain"]![0]!["code"]!.GetValue<int>().ShouldBe(6111);
    }

    [Test]
    public async Task The_configured_email_and_key_are_accepted_with_the_email_in_any_case()
    {
        var answer = await Ask(EmulatorCredentials.Key("ops@example.com", "key-1"), Key("OPS@example.com", "key-1"));

        answer.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_wrong_key_is_a_403_authentication_error()
    {
        var answer = await Ask(EmulatorCredentials.Key("ops@example.com", "key-1"), Key("ops@example.com", "key-2"));

        answer.Status.ShouldBe(HttpStatusCode.Forbidden);
        answer.ErrorCode.ShouldBe(10000);
    }

    [Test]
    public async Task An_email_without_a_key_is_a_400_missing_key()
    {
        var answer = await Ask(EmulatorCredentials.Key("ops@example.com", "key-1"), r => r.Headers.Add("X-Auth-Email", "ops@example.com"));

        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Body["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<int>()).ShouldBe([9107]);
    }

    [Test]
    public async Task A_token_is_refused_when_the_emulator_expects_a_key()
    {
        var answer = await Ask(EmulatorCredentials.Key("ops@example.com", "key-1"), Bearer("key-1"));

        answer.Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Without_configured_credentials_any_well_formed_credential_is_accepted()
    {
        (await Ask(null, Bearer("anything"))).Status.ShouldBe(HttpStatusCode.OK);
        (await Ask(null, Key("a@b.c", "anything"))).Status.ShouldBe(HttpStatusCode.OK);
        (await Ask(null, _ => { })).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Test]
    public void Credentials_come_from_the_environment_token_first_then_email_and_key()
    {
        var both = new Dictionary<string, string?>
        {
            ["CLOUDFLARE_API_TOKEN"] = "t",
            ["CLOUDFLARE_EMAIL"] = "a@b.c",
            ["CLOUDFLARE_API_KEY"] = "k",
        };
        EmulatorCredentials.FromEnvironment(n => both.GetValueOrDefault(n)).ShouldNotBeNull().ToString().ShouldBe("API token (redacted)");
        both.Remove("CLOUDFLARE_API_TOKEN");
        EmulatorCredentials.FromEnvironment(n => both.GetValueOrDefault(n)).ShouldNotBeNull().ToString().ShouldBe("e-mail and global API key (redacted)");
        both.Remove("CLOUDFLARE_API_KEY");
        EmulatorCredentials.FromEnvironment(n => both.GetValueOrDefault(n)).ShouldBeNull();
    }
}
