using System.Globalization;

namespace AccessSync.Cli.Hosting;

/// <summary>A request rate on the command line: <c>REQUESTS/SECONDS</c> (Cloudflare's is <c>1200/300</c>), or <c>off</c>.</summary>
public static class RateText
{
    /// <summary>The rate, or null for <c>off</c>; <paramref name="fallback"/> when no text was given.</summary>
    public static (int Requests, TimeSpan Window)? Parse(string option, string? text, (int Requests, TimeSpan Window) fallback)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (text == "off")
        {
            return null;
        }

        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requests) && requests > 1
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? (requests, TimeSpan.FromSeconds(seconds))
            : throw new UsageException($"{option} must be REQUESTS/SECONDS (1200/300) or off, not \"{text}\"");
    }
}
