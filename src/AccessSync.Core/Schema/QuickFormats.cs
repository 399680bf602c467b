using System.Buffers;

namespace AccessSync.Core.Schema;

/// <summary>
/// The schema's string formats as the quick acceptance tests them. Each accepts no value NJsonSchema's test of the
/// same format refuses (a test pins this on many strings), and may refuse some it accepts, which only sends those
/// files to NJsonSchema: a UUID must be in its usual 8-4-4-4-12 form, an email address plain ASCII.
/// </summary>
internal static class QuickFormats
{
    /// <summary>The test of the format <paramref name="name"/>, or null for a format this class does not know.</summary>
    public static Func<string, bool>? Find(string? name) => name switch
    {
        "uuid" => IsUuid,
        "email" => IsEmail,
        "uri" => IsAbsoluteUri,
        "cidr" => CidrNotation.IsCidr,
        _ => null,
    };

    private static readonly SearchValues<char> AtomChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-");

    private static readonly SearchValues<char> LabelChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static bool IsUuid(string value) => Guid.TryParseExact(value, "D", out _);

    private static bool IsAbsoluteUri(string value) => Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>
    /// <c>local@domain</c>: the local part dot-separated atoms of letters, digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>;
    /// the domain two or more dot-separated labels of letters, digits and inner hyphens.
    /// </summary>
    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0)
        {
            return false;
        }

        var local = value.AsSpan(0, at);
        foreach (var atom in local.Split('.'))
        {
            if (local[atom].IsEmpty || local[atom].ContainsAnyExcept(AtomChars))
            {
                return false;
            }
        }

        var domain = value.AsSpan(at + 1);
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1]) || label.ContainsAnyExcept(LabelChars))
            {
                return false;
            }

            labels++;
        }

        return labels >= 2;
    }
}
