using System.Globalization;
using System.Text.RegularExpressions;

namespace AccessSync.Core.Yaml;

/// <summary>
/// Gives plain scalars their type by the YAML 1.2 core schema, so that <c>geo: NO</c> stays the string "NO"
/// (YAML 1.1 would read it as false) while <c>true</c>, <c>42</c> and <c>null</c> are what they look like.
/// </summary>
internal static partial class ScalarResolver
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>The scalar's type, and in <paramref name="value"/> its value in that type (see <see cref="LocatedScalar"/>).</summary>
    /// <param name="isPlain">Written without quotes and not as a block (<c>|</c>, <c>&gt;</c>): only then does the text alone decide the type.</param>
    /// <param name="tag">An explicit tag (<c>!!int</c> is <c>tag:yaml.org,2002:int</c>), or null.</param>
    public static ScalarType Resolve(string text, bool isPlain, string? tag, out object? value)
    {
        if (tag is not null && tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
        {
            return ResolveTagged(text, tag[CoreTagPrefix.Length..], out value);
        }

        return isPlain && tag is null ? ResolvePlain(text, out value) : Text(text, out value);
    }

    private static ScalarType ResolveTagged(string text, string type, out object? value)
    {
        switch (type)
        {
            case "null":
                value = null;
                return ScalarType.Null;
            case "bool" when TryBool(text) is { } b:
                value = b;
                return ScalarType.Boolean;
            case "int" when TryInteger(text) is { } i:
                value = i;
                return ScalarType.Integer;
            case "float" when TryFloat(text) is { } f:
                value = f;
                return ScalarType.Float;
            default:
                return Text(text, out value);
        }
    }

    private static ScalarType ResolvePlain(string text, out object? value)
    {
        if (text.Length == 0 || text is "~" or "null" or "Null" or "NULL")
        {
            value = null;
            return ScalarType.Null;
        }

        if (TryBool(text) is { } b)
        {
            value = b;
            return ScalarType.Boolean;
        }

        // Every number starts with a digit, a sign or a point: most scalars (names, emails, words) are known to be
        // text from their first character, without a pattern run over them.
        if (!MayBeNumber(text))
        {
            return Text(text, out value);
        }

        if (TryInteger(text) is { } i)
        {
            value = i;
            return ScalarType.Integer;
        }

        if (TryFloat(text) is { } f)
        {
            value = f;
            return ScalarType.Float;
        }

        return Text(text, out value);
    }

    private static bool MayBeNumber(string text) => char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.';

    private static ScalarType Text(string text, out object? value)
    {
        value = text;
        return ScalarType.String;
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
