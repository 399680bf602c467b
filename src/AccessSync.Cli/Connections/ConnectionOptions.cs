using System.CommandLine;
using AccessSync.Cli.Hosting;
using AccessSync.Cloudflare;

namespace AccessSync.Cli.Connections;

/// <summary>The options every command that talks to the Access API shares: --sandbox, --api-url and --rate-limit.</summary>
public sealed class ConnectionOptions
{
    private readonly Option<bool> sandbox = new("--sandbox")
    {
        Description = $"Run against a local Access API in this process instead of Cloudflare, its state kept in {Connection.SandboxStateFile} (first seeded with the examples' live estate). No account or credentials needed.",
    };

    private readonly Option<Uri?> apiUrl = UrlOption(
        "--api-url",
        "The Cloudflare API base URL (default https://api.cloudflare.com/client/v4), e.g. an emulator's. Credentials come from CLOUDFLARE_API_TOKEN, or CLOUDFLARE_EMAIL and CLOUDFLARE_API_KEY.");

    private readonly Option<string?> rateLimit = new("--rate-limit")
    {
        HelpName = "N/SECONDS|off",
        Description = "The request budget to keep to (default Cloudflare's, 1200/300: 1,200 requests per 5 minutes), for an account with another limit; off sends as fast as it can and relies on retrying 429s.",
    };

    /// <summary>An option that takes an absolute http or https URL.</summary>
    public static Option<Uri?> UrlOption(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            {
                return uri;
            }

            result.AddError($"{name} must be an http or https URL, not \"{text}\"");
            return null;
        },
    };

    public void AddTo(Command command)
    {
        command.Add(sandbox);
        command.Add(apiUrl);
        command.Add(rateLimit);
    }

    public ConnectionSettings Read(ParseResult parsed)
    {
        if (parsed.GetValue(sandbox) && parsed.GetValue(apiUrl) is not null)
        {
            throw new UsageException("--sandbox and --api-url are both set; the sandbox is its own API");
        }

        var fallback = RequestBudget.CloudflareDefault;
        var budget = RateText.Parse("--rate-limit", parsed.GetValue(rateLimit), (fallback.Requests, fallback.Window)) is { } rate
            ? new RequestBudget(rate.Requests, rate.Window)
            : null;
        return new ConnectionSettings(parsed.GetValue(apiUrl), parsed.GetValue(sandbox), budget);
    }
}
