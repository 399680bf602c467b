using AccessSync.Cloudflare.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Cloudflare.Tests;

public class AuthenticationTests
{
    private const string WrongToken = "cfat_Wrong0Token1Value2That3Must4Not5Leak6";
    private const string WrongKey = "9f8e7d6c5b4a39281706f5e4d3c2b1a0abcde";

    [Test]
    public async Task A_refused_token_is_named_by_kind_and_never_shown()
    {
        await using var h = await Harness.StartAsync(credentials: CloudflareCredentials.ApiToken(WrongToken));

        var ex = await Should.ThrowAsync<CloudflareAuthenticationException>(h.Client.ListApplicationsAsync(Harness.Account));

        ex.Message.ShouldBe($"Cloudflare API error 10000 on GET /accounts/{EstateSeed.AccountId}/access/apps: Authentication error (HTTP 403: Cloudflare refused the API token (CLOUDFLARE_API_TOKEN); check that it is valid and has the Access permissions this needs)");
        ex.CredentialKind.ShouldBe("API token (CLOUDFLARE_API_TOKEN)");
        h.Requests.Count.ShouldBe(1);
        h.Logs.Rendered.ShouldNotContain(l => l.Contains(WrongToken, StringComparison.Ordinal));
    }

    [Test]
    public async Task A_refused_key_pair_is_named_by_kind_and_never_shown()
    {
        await using var h = await Harness.StartAsync(credentials: CloudflareCredentials.ApiKey("ops@example.com", WrongKey));

        var ex = await Should.ThrowAsync<CloudflareAuthenticationException>(h.Client.ListGroupsAsync(Harness.Account));

        ex.Message.ShouldContain("Cloudflare refused the global API key (CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY)");
        ex.Message.ShouldNotContain(WrongKey);
    }
}
