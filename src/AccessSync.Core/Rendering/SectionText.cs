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
    /// <summary>For a Markdown <c>diff</c> fence, where nothing is coloured but by GitHub.</summary>
    public static readonly SectionText DiffFence = new(SectionNotation.DiffFence, useColor: false);

    /// <summary>The change list, ending in a newline.</summary>
    public string ChangeList(PlanSection section, IReadOnlyDictionary<string, string> names)
    {
        var lines = new List<string> { Paint(Ansi.Bold, Header(section.Target)) };
        foreach (var change in section.Changes)
        {
            lines.AddRange(ChangeLines(change, names));
            lines.AddRange(change.Widenings.Select(w => Paint(Ansi.Magenta, $"!   widens access: {Printable(w.Reason)}")));
        }

        lines.AddRange(Notes(section).Select(n => "  note: " + n));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>Each created, updated or deleted policy's YAML diffed, under a line naming it: one text each, ending in a newline.</summary>
    public IReadOnlyList<string> FullPolicies(PlanSection section, IReadOnlyDictionary<string, string> names) =>
    [
        .. section.Changes.Select(c => c.Change)
            .Select(change => (change, renders: PolicyRenders(change, names)))
            .Where(c => c.renders is not null)
            .Select(c => string.Concat(
                new[] { $"  {Quoted(c.change.Subject)} ({c.change.Kind.Verb()}d):" }
                    .Concat(PolicyTextDiff.Lines(c.renders!.Value.Before, c.renders.Value.After).Select(DiffLineText))
                    .Select(l => l + "\n"))),
    ];

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
        if (entry.Reusable is { } reusable)
        {
            yield return Marked(change.Kind, Quoted(change.Subject) + (reusable.FilePath.Length > 0 ? " " + Printable(reusable.FilePath) : string.Empty));
            yield return reusable.Apps.IsEmpty ? "    used by no application" : $"    used by: {string.Join(", ", reusable.Apps.Select(Printable))}";
            if (reusable.ConvertedFrom is { } owner)
            {
                yield return $"    converted from a policy of {Printable(owner.Name)}'s own (make_reusable: same id, same place)";
            }
        }
        else
        {
            yield return change switch
            {
                CreatePolicy create => Marked(change.Kind, $"{Quoted(create.Subject)} (precedence {create.Desired.Precedence})"),
                AttachPolicy attach => Marked(change.Kind, $"{Quoted(attach.Subject)} (precedence {attach.Precedence})"),
                ReorderPolicies => Paint(Ansi.Cyan, HunkHeader("↕ reorder")),
                _ => Marked(change.Kind, Quoted(change.Subject)),
            };
        }

        var details = change switch
        {
            UpdatePolicy update => update.Fields.SelectMany(f => FieldLines(f, names)),
            ReorderPolicies reorder => reorder.Moves.SelectMany(m => Changed(Quoted(m.PolicyName), m.From.ToString(), m.To.ToString())),
            _ => [],
        };
        foreach (var line in details)
        {
            yield return line;
        }
    }

    /// <summary>A change's marker and verb, coloured: what goes in red, what comes in green, what changes in yellow.</summary>
    private string Marked(ChangeKind kind, string subject) => kind switch
    {
        ChangeKind.Delete or ChangeKind.Detach => Paint(Ansi.Red, $"- {kind.Verb()} {subject}"),
        ChangeKind.Create or ChangeKind.Attach => Paint(Ansi.Green, $"+ {kind.Verb()} {subject}"),
        _ => Paint(Ansi.Yellow, HunkHeader($"~ {kind.Verb()} {subject}")),
    };

    /// <summary>A line that heads what changes in place; in a diff fence, framed as a hunk header so that GitHub colours it.</summary>
    private string HunkHeader(string text) => notation == SectionNotation.DiffFence ? $"@@ {text} @@" : text;

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
        foreach (var item in Except(was, now))
        {
            yield return Paint(Ansi.Red, $"-     {Printable(RuleText.Of(item, names))}");
        }

        foreach (var item in Except(now, was))
        {
            yield return Paint(Ansi.Green, $"+     {Printable(RuleText.Of(item, names))}");
        }
    }

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
                return (string.Empty, PolicyYaml.Render(PolicyDiff.CanonicalFields(create.Desired), names));
            case DeletePolicy delete:
                return (PolicyYaml.Render(delete.Before, names), string.Empty);
            case UpdatePolicy update:
                // The fields that do not change are equal in canonical form, so the file's values stand for both sides.
                var after = PolicyDiff.CanonicalFields(update.Desired);
                var before = update.Fields.Aggregate(after, (fields, f) => fields.SetItem(f.Path, f.Before));
                return (PolicyYaml.Render(before, names), PolicyYaml.Render(after, names));
            default:
                return null;
        }
    }

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
