using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AccessSync.Core.Rules;

/// <summary>
/// The one way a rule's values are spelt when rules are compared, so that a rule written another way than the API
/// writes it shows no difference:
/// <list type="bullet">
/// <item>surrounding blanks do not count;</item>
/// <item>email addresses and domains compare without regard to case, country codes in capitals;</item>
/// <item>an IP address is a CIDR range of one address (<c>192.0.2.1</c> is <c>192.0.2.1/32</c>), IPv6 compressed;</item>
/// <item>ids (UUIDs) in lower case;</item>
/// <item>a list of risk levels is a set, in lower case.</item>
/// </list>
/// </summary>
public static partial class RuleNormalizer
{
    /// <summary>Rule fields that hold an email address or a domain, which the API compares case-blind.</summary>
    private static readonly HashSet<string> CaseBlindFields = ["email.email", "email_domain.domain", "gsuite.email"];

    /// <summary>Normalises the fields of one kind of rule.</summary>
    public static Func<RuleField, RuleField> Normalize(string kind) => field => field with { Value = Normalize(kind, field.Name, field.Value) };

    public static RuleValue Normalize(string kind, string field, RuleValue value) => value switch
    {
        ListRuleValue list => RuleValue.Of(list.Items.Select(i => i.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
        TextRuleValue text => RuleValue.Of(Text(kind, field, text.Text)),
        _ => value,
    };

    public static string Text(string kind, string field, string value)
    {
        var text = value.Trim();
        return (kind, field) switch
        {
            _ when CaseBlindFields.Contains($"{kind}.{field}") => text.ToLowerInvariant(),
            ("geo", "country_code") => text.ToUpperInvariant(),
            ("ip", "ip") => CanonicalCidr(text),
            _ when UuidPattern().IsMatch(text) => text.ToLowerInvariant(),
            _ => text,
        };
    }

    /// <summary><c>192.0.2.1</c> is <c>192.0.2.1/32</c>; IPv6 addresses are written in their compressed form.</summary>
    public static string CanonicalCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return text;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var prefix = slash < 0 ? maxPrefix.ToString(CultureInfo.InvariantCulture) : text[(slash + 1)..];
        return $"{address}/{prefix}";
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();
}
