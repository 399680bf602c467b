using System.CommandLine;
using System.Text.RegularExpressions;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using Serilog.Events;

namespace AccessSync.Cli.Hosting;

/// <summary>
/// The options every command shares, read into <see cref="GlobalSettings"/>. Made anew for each command line: a
/// parser's options are changed by the commands they are added to, so runs side by side must not share them.
/// </summary>
public sealed partial class GlobalOptions
{
    private readonly Option<string> logLevel = new("--log-level")
    {
        Description = "How much to log to stderr: verbose, debug, information, warning, error.",
        DefaultValueFactory = _ => "warning",
        Recursive = true,
    };

    private readonly Option<string> logFormat = new("--log-format")
    {
        Description = "Log format on stderr: text or json.",
        DefaultValueFactory = _ => "text",
        Recursive = true,
    };

    private readonly Option<bool> noColor = new("--no-color")
    {
        Description = "Never colour output (NO_COLOR is honoured too).",
        Recursive = true,
    };

    private readonly Option<string?> accountId = new("--account-id")
    {
        Description = "Cloudflare account id, for files and accesssync.yaml that name none (else CLOUDFLARE_ACCOUNT_ID).",
        Recursive = true,
    };

    private readonly Option<string?> zoneId = new("--zone-id")
    {
        Description = "Cloudflare zone id, for zone-scoped applications (else CLOUDFLARE_ZONE_ID).",
        Recursive = true,
    };

    public GlobalOptions()
    {
        logLevel.AcceptOnlyFromAmong("verbose", "debug", "information", "warning", "error");
        logFormat.AcceptOnlyFromAmong("text", "json");
    }

    public void AddTo(RootCommand root)
    {
        root.Add(logLevel);
        root.Add(logFormat);
        root.Add(noColor);
        root.Add(accountId);
        root.Add(zoneId);
    }

    /// <summary>The settings the options give, with the variables (NO_COLOR, CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_ZONE_ID) that stand in for them.</summary>
    public GlobalSettings Read(ParseResult parsed, Surroundings surroundings) => new(
        parsed.GetValue(logLevel) switch
        {
            "verbose" => LogEventLevel.Verbose,
            "debug" => LogEventLevel.Debug,
            "information" => LogEventLevel.Information,
            "error" => LogEventLevel.Error,
            _ => LogEventLevel.Warning,
        },
        parsed.GetValue(logFormat) == "json" ? LogFormat.Json : LogFormat.Text,
        parsed.GetValue(noColor) || surroundings.IsSet("NO_COLOR"),
        new ScopeFallbacks(
            ScopeFrom("--account-id", parsed.GetValue(accountId), "--zone-id", parsed.GetValue(zoneId)),
            ScopeFrom(
                "CLOUDFLARE_ACCOUNT_ID", surroundings.Variable("CLOUDFLARE_ACCOUNT_ID"),
                "CLOUDFLARE_ZONE_ID", surroundings.Variable("CLOUDFLARE_ZONE_ID"))));

    private static Scope? ScopeFrom(string accountSource, string? account, string zoneSource, string? zone)
    {
        account = string.IsNullOrWhiteSpace(account) ? null : account.Trim();
        zone = string.IsNullOrWhiteSpace(zone) ? null : zone.Trim();
        if (account is not null && zone is not null)
        {
            throw new UsageException($"{accountSource} and {zoneSource} are both set; an application lives in an account or a zone, so give one");
        }

        foreach (var (source, id) in new[] { (accountSource, account), (zoneSource, zone) })
        {
            if (id is not null && !CloudflareId().IsMatch(id))
            {
                throw new UsageException($"{source} must be a 32-character lower-case hexadecimal id, not \"{id}\"");
            }
        }

        return account is not null ? Scope.Account(account) : zone is not null ? Scope.Zone(zone) : null;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex CloudflareId();
}
