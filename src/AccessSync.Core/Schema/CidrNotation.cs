using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AccessSync.Core.Schema;

/// <summary>
/// The schema's <c>cidr</c> format: an IPv4 or IPv6 address, with an optional prefix length that fits it.
/// A regular expression for IPv6 CIDR is unreadable, so the check lives here, on the BCL's own parser. It stands
/// apart from NJsonSchema's adapter (<see cref="CidrFormatValidator"/>) so that the quick acceptance can use it
/// without loading NJsonSchema.
/// </summary>
internal static class CidrNotation
{
    public static bool IsCidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var address = slash < 0 ? value : value[..slash];
        if (!IPAddress.TryParse(address, out var ip) || address.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        // IPAddress.TryParse accepts "10" or "10.1" as shorthand forms; Cloudflare wants dotted quads.
        if (ip.AddressFamily == AddressFamily.InterNetwork && address.Count(c => c == '.') != 3)
        {
            return false;
        }

        if (slash < 0)
        {
            return true;
        }

        var maxPrefix = ip.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = value.AsSpan(slash + 1);
        return prefix.Length is > 0 and <= 3
            && AllDigits(prefix)
            && int.Parse(prefix, CultureInfo.InvariantCulture) <= maxPrefix;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
