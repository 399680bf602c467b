namespace AccessSync.Cloudflare.Tests;

public class CredentialsTests
{
    private const string Token = "tok_3f9a1c2b7d5e4f60a1b2c3d4e5f60718293a4b5c";

    [Test]
    public void The_api_token_is_preferred_over_the_key_pair()
    {
        var credentials = CloudflareCredentials.FromEnvironment(Env(("CLOUDFLARE_API_TOKEN", Token), ("CLOUDFLARE_EMAIL", "a@example.com"), ("CLOUDFLARE_API_KEY", "k3y-k3y-k3y")));

        credentials.Kind.ShouldBe("API token (CLOUDFLARE_API_TOKEN)");
    }

    [Test]
    public void The_email_and_key_pair_is_used_when_there_is_no_token()
    {
        var credentials = CloudflareCredentials.FromEnvironment(Env(("CLOUDFLARE_API_TOKEN", "  "), ("CLOUDFLARE_EMAIL", "a@example.com"), ("CLOUDFLARE_API_KEY", "k3y-k3y-k3y")));

        credentials.Kind.ShouldBe("global API key (CLOUDFLARE_EMAIL + CLOUDFLARE_API_KEY)");
    }

    [Test]
    public void No_credentials_is_an_error_naming_the_variables_to_set()
    {
        var ex = Should.Throw<CloudflareException>(() => CloudflareCredentials.FromEnvironment(Env()));

        ex.Message.ShouldBe("no Cloudflare credentials: set CLOUDFLARE_API_TOKEN (an API token with Access: Apps and Policies permissions), or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY");
    }

    [Test]
    public void Half_a_key_pair_is_an_error_naming_the_missing_half()
    {
        Should.Throw<CloudflareException>(() => CloudflareCredentials.FromEnvironment(Env(("CLOUDFLARE_EMAIL", "a@example.com"))))
            .Message.ShouldStartWith("CLOUDFLARE_EMAIL is set but CLOUDFLARE_API_KEY is not");
    }

    [Test]
    public void The_secret_never_shows_in_to_string_or_in_a_rejection()
    {
        CloudflareCredentials.ApiToken(Token).ToString().ShouldNotContain(Token);
        CloudflareCredentials.ApiKey("a@example.com", Token).ToString().ShouldNotContain(Token);
        Should.Throw<CloudflareException>(() => CloudflareCredentials.ApiToken(Token + "\nX-Evil: 1")).Message.ShouldNotContain(Token);
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
