using System.Globalization;
using System.Text;

namespace AccessSync.Core.Normalization;

/// <summary>
/// Durations as the API writes them (Go's time.ParseDuration format: <c>300ms</c>, <c>2h45m</c>, <c>1.5h</c>),
/// so that <c>24h</c>, <c>1440m</c> and <c>24h0m0s</c> compare equal and print alike.
/// </summary>
public static class GoDuration
{
    private static readonly (string Unit, long Nanoseconds)[] Units =
    [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000),
        ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ];

    public static bool TryParse(string? text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var negative = s[0] == '-';
        if (s[0] is '-' or '+')
        {
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        decimal total = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !decimal.TryParse(s[start..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            var unit = s[unitStart..i];
            var match = Units.FirstOrDefault(u => u.Unit == unit);
            if (match.Unit is null)
            {
                return false;
            }

            total += number * match.Nanoseconds;
        }

        if (total > long.MaxValue)
        {
            return false;
        }

        nanoseconds = (long)decimal.Round(total) * (negative ? -1 : 1);
        return true;
    }

    /// <summary>The shortest exact spelling: <c>24h</c>, <c>1h30m</c>, <c>45s</c>, <c>1500ms</c>, <c>0s</c>.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var text = new StringBuilder(nanoseconds < 0 ? "-" : string.Empty);
        var rest = nanoseconds < 0 ? -(decimal)nanoseconds : nanoseconds;
        if (rest % 1_000_000_000 != 0)
        {
            // Below a second, one unit says it exactly: the largest that divides the value.
            var (name, size) = rest % 1_000_000 == 0 ? ("ms", 1_000_000m) : rest % 1_000 == 0 ? ("us", 1_000m) : ("ns", 1m);
            return text.Append(CultureInfo.InvariantCulture, $"{rest / size}{name}").ToString();
        }

        foreach (var (unit, size) in new[] { ("h", 3_600_000_000_000m), ("m", 60_000_000_000m), ("s", 1_000_000_000m) })
        {
            var count = decimal.Truncate(rest / size);
            if (count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{count}{unit}");
                rest -= count * size;
            }
        }

        return text.ToString();
    }

    /// <summary>The canonical spelling of <paramref name="text"/>, or the text itself when it is not a duration.</summary>
    public static string Canonical(string text) => TryParse(text, out var ns) ? Format(ns) : text;
}
