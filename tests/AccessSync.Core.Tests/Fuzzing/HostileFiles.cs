using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>
/// FsCheck generators of policy files written to break the loader: the examples mutated (byte flips, truncation,
/// duplication, deep nesting, aliases and merge keys, huge scalars, random Unicode) and files built from nothing
/// (every rule kind in a wrong shape, counts around the limits). Each case names the shape that made it.
/// </summary>
public static class HostileFiles
{
    /// <summary>Every rule kind the API knows, as the examples spell them.</summary>
    private static readonly string[] RuleKinds =
    [
        "email", "email_domain", "email_list", "everyone", "group", "ip", "ip_list", "geo", "service_token",
        "any_valid_service_token", "certificate", "common_name", "login_method", "auth_method", "device_posture",
        "external_evaluation", "azureAD", "github-organization", "gsuite", "okta", "saml", "oidc", "auth_context",
        "linked_app_token", "user_risk_score", "cloudflare_account_member", "not_a_kind", "",
    ];

    /// <summary>Values of every YAML shape, most of them wrong wherever they land.</summary>
    private static readonly string[] Shapes =
    [
        "~", "null", "true", "0", "-1", "1e309", ".nan", "-.inf", "0x1F", "''", "\"\"", "x", "[]", "{}", "[1, 2]", "[[]]",
        "{a: b}", "{email: {}}", "{id: []}", "{name: {name: x}}", "[~]", "!!binary aGVsbG8=", "!custom x", "&a x", "*undefined",
        "2001:db8::/129", "300.1.1.1/33", "ZZ", "'\\u0000'", "\"\\uD800\"", "|\n      block", ">-\n      folded", "{? [a]: b}",
    ];

    /// <summary>Characters that matter to YAML, or to whatever reads its strings afterwards.</summary>
    private static readonly char[] TroubleChars =
    [
        ':', '-', '?', '[', ']', '{', '}', ',', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', ' ', '\t', '\n', '\r',
        '\0', '\u0085', '\u00A0', '\u2028', '\u2029', '\uFEFF', '\uFFFE', '\uFFFF', '\uD800', '\uDFFF', '\u202E', '\u0301',
    ];

    private static Gen<FuzzCase> Example => Gen.Elements(ExampleCorpus.Files.ToArray());

    private static Gen<char> AnyChar => Gen.OneOf(
        Gen.Elements(TroubleChars),
        Gen.Choose(32, 126).Select(i => (char)i),
        Gen.Choose(0, 0xFFFF).Select(i => (char)i));

    /// <summary>Random text of up to <paramref name="max"/> UTF-16 units, with lone surrogates and code points beyond the BMP.</summary>
    private static Gen<string> UnicodeText(int max) =>
        Gen.ListOf(Gen.OneOf(
                AnyChar.Select(c => c.ToString()),
                Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)))
            .Select(parts => string.Concat(parts.Take(max)));

    private static Gen<string> Indent => Gen.Elements("", "  ", "    ", "      ", "\t");

    /// <summary>All generators, weighted so that each kind of damage is seen often in a short run.</summary>
    public static Gen<FuzzCase> Any => Gen.Frequency(
        (1, Example),
        (3, ByteFlips),
        (2, Truncations),
        (2, Duplications),
        (2, DeepNesting),
        (3, AliasesAndMergeKeys),
        (2, HugeScalars),
        (3, RandomUnicode),
        (4, RulesOfWrongShape),
        (1, ManyPolicies));

    public static Gen<FuzzCase> ByteFlips =>
        from file in Example
        from flips in Gen.ListOf(Pair(Gen.Choose(0, int.MaxValue), AnyChar)).Select(l => l.Take(8).ToList())
        select Named(file, "byte-flips", Flip(file.Text, flips));

    public static Gen<FuzzCase> Truncations =>
        from file in Example
        from at in Gen.Choose(0, int.MaxValue)
        select Named(file, "truncation", file.Text[..(at % (file.Text.Length + 1))]);

    public static Gen<FuzzCase> Duplications =>
        from file in Example
        from start in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(1, 40)
        from times in Gen.Choose(1, 3)
        select Named(file, "duplication", Duplicate(file.Text, start, count, times));

    public static Gen<FuzzCase> DeepNesting =>
        from file in Example
        from depth in Gen.Frequency((3, Gen.Choose(1, 80)), (1, Gen.Choose(80, 2000)))
        from flow in Gen.Elements(true, false)
        from line in Gen.Choose(0, int.MaxValue)
        from indent in Indent
        select Named(file, "deep-nesting", InsertLine(file.Text, line, indent + "nested: " + (flow ? FlowNesting(depth) : BlockNesting(depth, indent.Length + 2))));

    public static Gen<FuzzCase> AliasesAndMergeKeys =>
        from file in Example
        from snippet in Gen.Elements(
            "<<: *base",
            "<<: [*base, *base]",
            "<<: *nowhere",
            "<<: {name: Merged, decision: allow}",
            "<<: [{decision: deny}, 7, ~]",
            "<<: 3",
            "name: *base",
            "include: *base",
            "base: &base {name: Base, decision: allow, include: [{everyone: true}]}",
            "self: &self [*self]",
            "x: &a [*a]",
            "? *base\n  : value",
            "&anchor-without-value",
            "*base: key")
        from line in Gen.Choose(0, int.MaxValue)
        from indent in Indent
        from fanOut in Gen.Choose(2, 12)
        from levels in Gen.Choose(1, 9)
        from bomb in Gen.Elements(true, false)
        select Named(
            file,
            "aliases-and-merge-keys",
            bomb ? AliasBomb(fanOut, levels) + file.Text : InsertLine(AnchorFirstPolicy(file.Text), line, indent + snippet));

    public static Gen<FuzzCase> HugeScalars =>
        from file in Example
        from length in Gen.Frequency((3, Gen.Choose(200, 12_000)), (1, Gen.Choose(12_000, 200_000)))
        from asKey in Gen.Elements(true, false)
        from fill in AnyChar.Where(c => !char.IsSurrogate(c))
        from line in Gen.Choose(0, int.MaxValue)
        from indent in Indent
        let huge = new string(fill, length)
        select Named(file, "huge-scalar", InsertLine(file.Text, line, indent + (asKey ? $"\"{huge}\": x" : $"name: \"{huge}\"")));

    public static Gen<FuzzCase> RandomUnicode =>
        from file in Example
        from inserts in Gen.ListOf(Pair(Gen.Choose(0, int.MaxValue), UnicodeText(40))).Select(l => l.Take(6).ToList())
        select Named(file, "random-unicode", inserts.Aggregate(file.Text, (text, insert) => text.Insert(insert.Item1 % (text.Length + 1), insert.Item2)));

    /// <summary>A policy whose rules, or whose other fields, are each of a shape the schema does not allow.</summary>
    public static Gen<FuzzCase> RulesOfWrongShape =>
        from kind in Gen.Elements(RuleKinds)
        from shape in Gen.Elements(Shapes)
        from list in Gen.Elements("include", "exclude", "require")
        from setting in Gen.Elements("rule", "name", "decision", "session_duration", "precedence", "approval_groups", "mfa_config", "connection_rules", "use")
        from reusable in Gen.Frequency((4, Gen.Elements(false)), (1, Gen.Elements(true)))
        select new FuzzCase(
            "rule-of-wrong-shape",
            reusable ? "reusable/fuzz.yaml" : "apps/fuzz.yaml",
            (reusable ? "" : "app:\n  name: Grafana\npolicies:\n  - ") + PolicyBody(kind, shape, list, setting, reusable));

    /// <summary>Counts of policies and rules on both sides of the limits.</summary>
    public static Gen<FuzzCase> ManyPolicies =>
        from policies in Gen.Frequency((3, Gen.Choose(1, 50)), (1, Gen.Choose(490, 510)))
        from rules in Gen.Frequency((3, Gen.Choose(1, 20)), (1, Gen.Choose(990, 1010)))
        select new FuzzCase("many-policies", "apps/fuzz.yaml", Many(policies, rules));

    private static Gen<(TFirst, TSecond)> Pair<TFirst, TSecond>(Gen<TFirst> first, Gen<TSecond> second) =>
        from a in first
        from b in second
        select (a, b);

    private static FuzzCase Named(FuzzCase file, string shape, string text) => file with { Shape = shape, Text = text };

    private static string Flip(string text, List<(int, char)> flips)
    {
        if (text.Length == 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        foreach (var (at, c) in flips)
        {
            chars[at % chars.Length] = c;
        }

        return new string(chars);
    }

    private static string Duplicate(string text, int start, int count, int times)
    {
        var lines = text.Split('\n').ToList();
        var from = start % lines.Count;
        var span = lines.Skip(from).Take(count).ToList();
        for (var i = 0; i < times; i++)
        {
            lines.InsertRange(from + span.Count, span);
        }

        return string.Join('\n', lines);
    }

    private static string InsertLine(string text, int where, string line)
    {
        var lines = text.Split('\n').ToList();
        lines.Insert(where % (lines.Count + 1), line);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The first policy anchored as <c>base</c>, so that merges and aliases of it can pass the YAML reader and reach
    /// validation; a file without a policy gets an anchored mapping of its own, which validation rejects.
    /// </summary>
    private static string AnchorFirstPolicy(string text)
    {
        const string FirstPolicy = "\n  - name: ";
        var at = text.IndexOf(FirstPolicy, StringComparison.Ordinal);
        return at < 0
            ? "x-base: &base {name: Base, decision: allow}\n" + text
            : text[..at] + "\n  - &base\n    name: " + text[(at + FirstPolicy.Length)..];
    }

    private static string FlowNesting(int depth) => new string('[', depth) + "x" + new string(']', depth);

    private static string BlockNesting(int depth, int indent)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append('\n').Append(' ', indent + (2 * i)).Append('a').Append(i).Append(':');
        }

        return text.Append(" x").ToString();
    }

    /// <summary><paramref name="levels"/> anchors, each aliasing the one before <paramref name="fanOut"/> times.</summary>
    private static string AliasBomb(int fanOut, int levels)
    {
        var text = new StringBuilder($"x-l0: &l0 [{string.Join(", ", Enumerable.Repeat("lol", fanOut))}]\n");
        for (var level = 1; level < levels; level++)
        {
            text.Append($"x-l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", fanOut))}]\n");
        }

        return text.ToString();
    }

    private static string PolicyBody(string kind, string shape, string list, string field, bool reusable)
    {
        var head = reusable ? "reusable_policy:\n  " : "";
        var pad = reusable ? "  " : "    ";
        var name = field == "name" ? shape : "Fuzzed";
        var decision = field == "decision" ? shape : "allow";
        var rule = field == "rule" ? $"{{\"{kind}\": {shape}}}" : "{everyone: true}";
        var body = $"{head}name: {name}\n{pad}decision: {decision}\n{pad}{list}:\n{pad}  - {rule}\n";
        if (list != "include")
        {
            body += $"{pad}include:\n{pad}  - {{email: ada@example.com}}\n";
        }

        return field is "rule" or "name" or "decision" ? body : body + $"{pad}{field}: {shape}\n";
    }

    private static string Many(int policies, int rules)
    {
        var text = new StringBuilder("app:\n  name: Grafana\npolicies:\n");
        for (var p = 0; p < policies; p++)
        {
            text.Append($"  - name: P{p}\n    decision: allow\n    include:\n");
            for (var r = 0; r < (p == 0 ? rules : 1); r++)
            {
                text.Append($"      - email: u{r}@example.com\n");
            }
        }

        return text.ToString();
    }
}
