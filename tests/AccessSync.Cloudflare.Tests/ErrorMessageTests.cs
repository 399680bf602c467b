using AccessSync.Cloudflare.Redaction;

namespace AccessSync.Cloudflare.Tests;

public class ErrorMessageTests
{
    private static readonly ErrorFactory Errors = new(
        new SecretRedactor(["tok_secret_value_123"]),
        CloudflareCredentials.ApiToken("tok_secret_value_123"),
        new Uri("https://api.cloudflare.com/client/v4"));

    [Test]
    public void An_api_error_names_the_code_method_path_and_message()
    {
        var ex = Errors.Api(new RequestFailure("PUT", "/accounts/a1/access/apps/b2/policies/c3", 400, "Bad Request", [new(12130, "policy precedences must be unique")], 1, null));

        ex.Message.ShouldBe("Cloudflare API error 12130 on PUT /accounts/a1/access/apps/b2/policies/c3: policy precedences must be unique");
        (ex.Method, ex.Path, ex.StatusCode).ShouldBe(("PUT", "/accounts/a1/access/apps/b2/policies/c3", 400));
    }

    [Test]
    public void Several_errors_are_listed_together_and_a_lost_retry_fight_is_explained()
    {
        var ex = Errors.Api(new RequestFailure("GET", "/accounts/a1/access/apps", 429, "Too Many Requests", [new(10000, "Rate limited"), new(10001, "Slow down")], 6, "gave up after 6 attempts"));

        ex.Message.ShouldBe("Cloudflare API error 10000, 10001 on GET /accounts/a1/access/apps: Rate limited; Slow down (HTTP 429; gave up after 6 attempts)");
    }

    [Test]
    public void Chained_causes_are_named_and_line_breaks_never_split_the_message()
    {
        var error = new CloudflareError(6008, "Invalid request\nparameters") { Chain = [new(11000, "per_page must be a number between 1 and 1000")] };

        Errors.Api(new RequestFailure("GET", "/accounts/a1/access/apps", 400, "Bad Request", [error], 1, null))
            .Message.ShouldBe("Cloudflare API error 6008 on GET /accounts/a1/access/apps: Invalid request parameters (11000: per_page must be a number between 1 and 1000)");
    }

    [Test]
    public void A_failure_without_an_envelope_falls_back_to_the_http_status()
    {
        Errors.Api(new RequestFailure("GET", "/zones/z1/access/groups", 502, "Bad Gateway", [], 1, null))
            .Message.ShouldBe("Cloudflare API error HTTP 502 on GET /zones/z1/access/groups: Bad Gateway");
    }

    [Test]
    public void A_refused_credential_is_named_by_kind_and_never_by_value()
    {
        var ex = Errors.Api(new RequestFailure("GET", "/accounts/a1/access/apps", 403, "Forbidden", [new(10000, "Authentication error for tok_secret_value_123")], 1, null));

        ex.ShouldBeOfType<CloudflareAuthenticationException>().CredentialKind.ShouldBe("API token (CLOUDFLARE_API_TOKEN)");
        ex.Message.ShouldBe("Cloudflare API error 10000 on GET /accounts/a1/access/apps: Authentication error for [REDACTED] (HTTP 403: Cloudflare refused the API token (CLOUDFLARE_API_TOKEN); check that it is valid and has the Access permissions this needs)");
    }

    [Test]
    public void A_transport_failure_names_the_host_and_the_request()
    {
        var ex = Errors.Transport("GET", "/accounts/a1/access/apps", new HttpRequestException("x", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)), 3, "gave up after 3 attempts");

        ex.Message.ShouldBe("could not reach api.cloudflare.com: connection refused (GET /accounts/a1/access/apps; gave up after 3 attempts)");
    }
}
