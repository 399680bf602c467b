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

    private static bool IsUuid(string value) => Guid.TryParseExact(value, "D", out _);

    private static bool IsAbsoluteUri(string value) => Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>
    /// <c>local@domain</c>: the local part dot-separated atoms of letters, digits and <c>!#$%&amp;'*+/=?^_`{|}~-</c>;
    /// the domain two or more dot-separated labels of letters, digits and inner hyphens. The parts are found with
    /// the string's own search, and their characters tested one by one: the vectorised span searches are compiled
    /// on first use in every run (ReadyToRun leaves them to the machine's instruction set), which costs a
    /// one-file validate more than the few characters of an address ever take.
    /// </summary>
    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0
            && Parts(value, 0, at, IsAtom) >= 1
            && Parts(value, at + 1, value.Length, IsLabel) >= 2;
    }

    /// <summary>How many dot-separated parts <c>value[start..end]</c> has, each passing <paramref name="isPart"/>; 0 when one does not.</summary>
    private static int Parts(string value, int start, int end, Func<string, int, int, bool> isPart)
    {
        for (var parts = 1; ; parts++)
        {
            var dot = value.IndexOf('.', start, end - start);
            if (!isPart(value, start, dot < 0 ? end : dot))
            {
                return 0;
            }

            if (dot < 0)
            {
                return parts;
            }

            start = dot + 1;
        }
    }

    private static bool IsAtom(string value, int start, int end) =>
        end > start && All(value, start, end, c => char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~' or '-');

    private static bool IsLabel(string value, int start, int end) =>
        end > start
        && char.IsAsciiLetterOrDigit(value[start])
        && char.IsAsciiLetterOrDigit(value[end - 1])
        && All(value, start, end, c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool All(string value, int start, int end, Func<char, bool> allowed)
    {
        for (var i = start; i < end; i++)
        {
            if (!allowed(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
