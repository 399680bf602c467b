using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace AccessSync.Core.Yaml;

/// <summary>
/// Gives plain scalars their type by the YAML 1.2 core schema, so that <c>geo: NO</c> stays the string "NO"
/// (YAML 1.1 would read it as false) while <c>true</c>, <c>42</c> and <c>null</c> are what they look like.
/// </summary>
internal static partial class ScalarResolver
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    public static JValue Resolve(string text, bool isPlain, string? tag)
    {
        if (tag is not null && tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
        {
            return ResolveTagged(text, tag[CoreTagPrefix.Length..]);
        }

        return isPlain && tag is null ? ResolvePlain(text) : new JValue(text);
    }

    private static JValue ResolveTagged(string text, string type) => type switch
    {
        "null" => JValue.CreateNull(),
        "bool" when TryBool(text) is { } b => new JValue(b),
        "int" when TryInteger(text) is { } i => new JValue(i),
        "float" when TryFloat(text) is { } f => new JValue(f),
        _ => new JValue(text),
    };

    private static JValue ResolvePlain(string text)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            return JValue.CreateNull();
        }

        if (TryBool(text) is { } b)
        {
            return new JValue(b);
        }

        if (TryInteger(text) is { } i)
        {
            return new JValue(i);
        }

        return TryFloat(text) is { } f ? new JValue(f) : new JValue(text);
    }

    private static bool? TryBool(string text) => text switch
    {
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        _ => null,
    };

    private static long? TryInteger(string text)
    {
        if (DecimalInteger().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var dec))
        {
            return dec;
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && HexInteger().IsMatch(text)
            && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalInteger().IsMatch(text))
        {
            try
            {
                return Convert.ToInt64(text[2..], 8);
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return null;
    }

    private static double? TryFloat(string text)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        return Float().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
