using System.Text.Json.Nodes;
using AccessSync.Core.Planning;
using AccessSync.Core.Text;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Rendering;

/// <summary>
/// The text of one section of the plan, in two pieces a reviewer reads in turn: the change list (a header, a line
/// per change with its field differences or moves, a <c>!</c> line for each way a change widens access, and notes on
/// what the plan leaves alone), then each changed policy's YAML diffed in full. Markers stand in the first column, as
/// in a unified diff, so that a terminal colours them and a Markdown <c>diff</c> fence does too.
/// </summary>
internal sealed class SectionText(SectionNotation notation, bool useColor)
{
    /// <summary>
    /// The longest line the plan's YAML is written in, its diff marker included, and in a diff fence the longest
    /// line of any kind: GitHub shows a longer line of a code block only by scrolling it sideways, where a reviewer
    /// misses its end. Only what has no break longer stays one line: a long value or name.
    /// </summary>
    public const int MaxLineLength = 100;

    /// <summary>How much stands before a line of a policy's YAML: its marker and the indent under the policy's title.</summary>
    private const int YamlIndent = 4;

    /// <summary>How much stands before an item a list field gains or loses: its marker and the indent under the field.</summary>
    private const int ItemIndent = 6;

    /// <summary>For a Markdown <c>diff</c> fence, where nothing is coloured but by GitHub.</summary>
    public static readonly SectionText DiffFence = new(SectionNotation.DiffFence, useColor: false);

    /// <summary>The change list, ending in a newline.</summary>
    public string ChangeList(PlanSection section, IReadOnlyDictionary<string, string> names)
    {
        var lines = Prose(string.Empty, Header(section.Target), "  ").Select(l => Paint(Ansi.Bold, l)).ToList();
        foreach (var change in section.Changes)
        {
            lines.AddRange(ChangeLines(change, names));
            lines.AddRange(change.Widenings.SelectMany(w => Prose("!   ", $"widens access: {Printable(w.Text)}", "!     ")).Select(l => Paint(Ansi.Magenta, l)));
        }

        lines.AddRange(Notes(section).SelectMany(n => Prose("  ", "note: " + n, "    ")));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Each created, updated or deleted policy's YAML diffed, under a line naming it: one text each, ending in a newline.</summary>
    public IReadOnlyList<string> FullPolicies(PlanSection section, IReadOnlyDictionary<string, string> names)
    {
        var policies = new List<string>();
        foreach (var change in section.Changes.Select(c => c.Change))
        {
            if (PolicyRenders(change, names) is not { } renders)
            {
                continue;
            }

            var lines = Prose("  ", $"{Quoted(change.Subject)} ({change.Kind.Verb()}d):", "    ")
                .Concat(PolicyTextDiff.Lines(renders.Before, renders.After).Select(DiffLineText));
            policies.Add(string.Concat(lines.Select(l => l + "\n")));
        }

        return policies;
    }

    /// <summary>What the plan leaves alone in a section, one note a policy.</summary>
    public static IEnumerable<string> Notes(PlanSection section) => section.Unmanaged.Select(u =>
    {
        var at = u.Precedence is { } p ? $" (precedence {p})" : string.Empty;
        return u.IsReusable
            ? $"reusable policy {Quoted(u.Name)}{at} is attached to the application; it is managed elsewhere and left as it is"
            : $"live policy {Quoted(u.Name)}{at} is in no file; it is kept because prune is off";
    }).Concat(section.Unused.Select(r => $"live policy {Quoted(r.Name)} is in no file and attached to no application; it is kept because prune is off"));

    private static string Header(AppTarget target) => target.IsReusablePolicies
        ? $"{Printable(target.Name)} ({target.Scope})"
        : $"{Printable(target.Name)} ({target.Scope}) {Printable(target.FilePath)}";

    /// <summary>
    /// The change's line and the lines under it. A reusable policy's line names its file (it has no precedence of
    /// its own) and is followed by the applications it reaches, since a change to it is a change to each of them.
    /// </summary>
    private IEnumerable<string> ChangeLines(SectionChange entry, IReadOnlyDictionary<string, string> names)
    {
        var change = entry.Change;
        IEnumerable<string> head;
        IEnumerable<string> under = [];
        if (entry.Reusable is { } reusable)
        {
            head = Marked(change.Kind, Quoted(change.Subject) + (reusable.FilePath.Length > 0 ? " " + Printable(reusable.FilePath) : string.Empty));
            under = reusable.Apps.IsEmpty
                ? ["    used by no application"]
                : Prose("    ", $"used by: {string.Join(", ", reusable.Apps.Select(Printable))}", "      ");
            if (reusable.ConvertedFrom is { } owner)
            {
                under = under.Concat(Prose("    ", $"converted from a policy of {Printable(owner.Name)}'s own (make_reusable: same id, same place)", "      "));
            }
        }
        else if (change is ReorderPolicies { OrderKept: true } renumbered)
        {
            // Not a reorder of its own: the others close a gap or make room, in the same order, so Access decides
            // as before. One plain line says what apply writes, with no marker a reviewer would stop at.
            var moves = string.Join(", ", renumbered.Moves.Select(m => $"{Quoted(m.PolicyName)} {m.From} → {m.To}"));
            return Prose("  ", $"renumbered, order unchanged: {moves}", "    ");
        }
        else
        {
            head = change switch
            {
                CreatePolicy create => Marked(change.Kind, $"{Quoted(create.Subject)} (precedence {create.Desired.Precedence})"),
                AttachPolicy attach => Marked(change.Kind, $"{Quoted(attach.Subject)} (precedence {attach.Precedence})"),
                ReorderPolicies => HunkHeader("↕ reorder").Select(l => Paint(Ansi.Cyan, l)),
                _ => Marked(change.Kind, Quoted(change.Subject)),
            };
        }

        var details = change switch
        {
            UpdatePolicy update => update.Fields.SelectMany(f => FieldLines(f, names)),
            ReorderPolicies reorder => reorder.Moves.SelectMany(m => Changed(Quoted(m.PolicyName), m.From.ToString(), m.To.ToString())),
            _ => [],
        };
        return head.Concat(under).Concat(details);
    }

    /// <summary>A change's marker and verb, coloured: what goes in red, what comes in green, what changes in yellow.</summary>
    private IEnumerable<string> Marked(ChangeKind kind, string subject) => kind switch
    {
        ChangeKind.Delete or ChangeKind.Detach => Prose("- ", $"{kind.Verb()} {subject}", "-   ").Select(l => Paint(Ansi.Red, l)),
        ChangeKind.Create or ChangeKind.Attach => Prose("+ ", $"{kind.Verb()} {subject}", "+   ").Select(l => Paint(Ansi.Green, l)),
        _ => HunkHeader($"~ {kind.Verb()} {subject}").Select(l => Paint(Ansi.Yellow, l)),
    };

    /// <summary>
    /// A line that heads what changes in place; in a diff fence, framed as a hunk header so that GitHub colours it,
    /// each of its lines framed alike when it is too long for one.
    /// </summary>
    private IEnumerable<string> HunkHeader(string text) => notation == SectionNotation.DiffFence
        ? Prose("@@ ", text, "@@   ", " @@")
        : [text];

    /// <summary>
    /// A line of prose: <paramref name="lead"/>, the text, <paramref name="trail"/>. In a diff fence, broken at
    /// spaces into lines of at most <see cref="MaxLineLength"/>, each after the first led by
    /// <paramref name="continuation"/> (its marker, and an indent under the first line's text), so that GitHub colours
    /// them as the first; a word longer than a line stays whole. A terminal wraps a line itself, and a log is read
    /// with <c>grep</c>: there, the line stays whole.
    /// </summary>
    private IEnumerable<string> Prose(string lead, string text, string continuation, string trail = "")
    {
        if (notation != SectionNotation.DiffFence)
        {
            return [lead + text + trail];
        }

        return Wrap(text, MaxLineLength - lead.Length - trail.Length, MaxLineLength - continuation.Length - trail.Length)
            .Select((line, i) => (i == 0 ? lead : continuation) + line + trail);
    }

    /// <summary>Text broken at spaces into lines of at most the widths given (the first's, then every other's); a word longer than its line stays whole.</summary>
    private static IEnumerable<string> Wrap(string text, int firstWidth, int width)
    {
        var rest = text;
        for (var room = firstWidth; rest.Length > room; room = width)
        {
            var at = rest.LastIndexOf(' ', room);
            if (at <= 0)
            {
                at = rest.IndexOf(' ', room);
            }

            if (at <= 0)
            {
                break;
            }

            yield return rest[..at];
            rest = rest[(at + 1)..];
        }

        yield return rest;
    }

    /// <summary>A scalar's change: <c>key: before → after</c> on one line, or in a diff fence a line for each side.</summary>
    private IEnumerable<string> Changed(string key, string before, string after) => notation == SectionNotation.DiffFence
        ? [$"-   {key}: {before}", $"+   {key}: {after}"]
        : [$"    {key}: {before} → {after}"];

    /// <summary>A scalar as its two values; a list as the items it loses and gains, since lists compare as sets.</summary>
    private IEnumerable<string> FieldLines(FieldChange field, IReadOnlyDictionary<string, string> names)
    {
        var before = JsonNode.Parse(field.Before);
        var after = JsonNode.Parse(field.After);
        if (before is not (JsonArray or null) || after is not (JsonArray or null) || (before is null && after is null))
        {
            foreach (var line in Changed(field.Path, Printable(Scalar(field.Before)), Printable(Scalar(field.After))))
            {
                yield return line;
            }

            yield break;
        }

        var was = Items(before);
        var now = Items(after);
        yield return $"    {field.Path}:";
        foreach (var line in Except(was, now).SelectMany(i => ItemLines('-', i, names)))
        {
            yield return Paint(Ansi.Red, line);
        }

        foreach (var line in Except(now, was).SelectMany(i => ItemLines('+', i, names)))
        {
            yield return Paint(Ansi.Green, line);
        }
    }

    /// <summary>An item a list field loses or gains, as the policy's YAML shows it, each of its lines after the marker.</summary>
    private static IEnumerable<string> ItemLines(char marker, JsonNode? item, IReadOnlyDictionary<string, string> names) =>
        RuleText.Lines(item, names, MaxLineLength - ItemIndent).Select(l => $"{marker}     {Printable(l)}");

    private static IEnumerable<JsonNode?> Except(Dictionary<string, JsonNode?> items, Dictionary<string, JsonNode?> others) =>
        items.Where(i => !others.ContainsKey(i.Key)).OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Value);

    private static Dictionary<string, JsonNode?> Items(JsonNode? list) =>
        (list as JsonArray ?? []).DistinctBy(i => i?.ToJsonString() ?? "null", StringComparer.Ordinal)
            .ToDictionary(i => i?.ToJsonString() ?? "null", i => i, StringComparer.Ordinal);

    private static string Scalar(string canonical) => canonical == "null" ? "(unset)" : PolicyYaml.Inline(canonical);

    /// <summary>The YAML of a policy before and after a change; null for a reorder, which the moves say all of.</summary>
    private static (string Before, string After)? PolicyRenders(PolicyChange change, IReadOnlyDictionary<string, string> names)
    {
        switch (change)
        {
            case CreatePolicy create:
                return (string.Empty, Yaml(PolicyDiff.CanonicalFields(create.Desired), names));
            case DeletePolicy delete:
                return (Yaml(delete.Before, names), string.Empty);
            case UpdatePolicy update:
                // The fields that do not change are equal in canonical form, so the file's values stand for both sides.
                var after = PolicyDiff.CanonicalFields(update.Desired);
                var before = update.Fields.Aggregate(after, (fields, f) => fields.SetItem(f.Path, f.Before));
                return (Yaml(before, names), Yaml(after, names));
            default:
                return null;
        }
    }

    private static string Yaml(IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> names) =>
        PolicyYaml.Render(fields, names, MaxLineLength - YamlIndent);

    /// <summary>A line of a policy's YAML: the YAML escapes control characters in a value but keeps tabs and bidi controls.</summary>
    private string DiffLineText(DiffLine line) => line.Marker switch
    {
        '+' => Paint(Ansi.Green, "+   " + Printable(line.Text)),
        '-' => Paint(Ansi.Red, "-   " + Printable(line.Text)),
        _ => "    " + Printable(line.Text),
    };

    private static string Quoted(string name) => $"\"{Printable(name).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// Names come from the files and from the live account, and anyone who may edit a policy may name it: every
    /// control, bidi and line-break character is shown as its code, so that no name can move the cursor, clear the
    /// screen, reorder a line or forge a line of the plan.
    /// </summary>
    internal static string Printable(string text) => DisplayText.Name(text);

    private string Paint(string code, string text) => Ansi.Paint(useColor, code, text);
}
