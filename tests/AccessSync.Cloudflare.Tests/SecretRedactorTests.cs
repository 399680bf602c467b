using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Redaction;

namespace AccessSync.Cloudflare.Tests;

public class SecretRedactorTests
{
    private const string Secret = "s3cr3t+t0k/en=";

    [Test]
    public void The_secret_is_masked_raw_url_encoded_and_json_escaped()
    {
        var redactor = new SecretRedactor([Secret]);

        redactor.Redact($"a {Secret} b").ShouldBe("a [REDACTED] b");
        redactor.Redact($"?t={Uri.EscapeDataString(Secret)}").ShouldBe("?t=[REDACTED]");
        redactor.Redact(new JsonObject { ["t"] = Secret }.ToJsonString()).ShouldBe("{\"t\":\"[REDACTED]\"}");
    }

    [Test]
    public void Text_without_the_secret_is_unchanged()
    {
        new SecretRedactor([Secret]).Redact("GET /accounts/x/access/apps").ShouldBe("GET /accounts/x/access/apps");
    }
}
