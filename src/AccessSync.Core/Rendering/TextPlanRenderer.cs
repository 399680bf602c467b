using System.Text;
using System.Text.Json.Nodes;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;
using AccessSync.Core.Text;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Rendering;

/// <param name="UseColor">ANSI colours, for a terminal that shows them.</param>
public sealed record TextPlanOptions(bool UseColor = false);

/// <summary>
/// The plan as a person reads it in a terminal or a CI log. First the reusable policies of each account the plan
/// changes (once, with the applications that use each), then each application with changes: a header, one line
/// per change (field-level differences under an update, moves under a reorder), a <c>!</c> line for each way a
/// change widens access, notes on live policies no file manages, then each changed policy's YAML diffed.
/// Markers stand in the first column, as in a unified diff, so a Markdown <c>diff</c> fence colours them.
/// </summary>
public sealed class TextPlanRenderer(TextPlanOptions options) : IPlanRenderer
{
    public const string NoChanges = "No changes. Live policies match the files.";

    public TextPlanRenderer()
        : this(new TextPlanOptions())
    {
    }

    public string Render(PlanReview review)
    {
        var plan = review.Plan;
        var text = new StringBuilder();
        var widenings = WideningList.Of(review);
        if (widenings.Count > 0)
        {
            // First, so that no widening scrolls past unread.
            text.Append(Paint(Ansi.Magenta, $"{WideningList.Title} ({widenings.Count}):")).Append('\n');
            foreach (var line in widenings)
            {
                text.Append(Paint(Ansi.Magenta, $"! {Printable(line.Text)}")).Append('\n');
            }

            text.Append('\n');
        }

        var sections = PlanSections.Of(review);
        foreach (var section in sections.Where(s => s.HasChanges))
        {
            text.Append(RenderSection(section, plan.Names)).Append('\n');
        }

        var unchanged = sections.Where(s => !s.HasChanges).ToList();
        var unchangedApps = unchanged.Count(s => !s.Target.IsReusablePolicies);
        if (plan.HasChanges && unchangedApps > 0)
        {
            text.Append(Plural(unchangedApps, "application")).Append(" unchanged.\n");
        }

        foreach (var note in unchanged.SelectMany(s => Notes(s).Select(n => $"{Title(s.Target)}: {n}")))
        {
            text.Append("note: ").Append(note).Append('\n');
        }

        if (!plan.HasChanges)
        {
            text.Append(NoChanges).Append('\n');
        }

        if (plan.AccessTests is { } tests)
        {
            text.Append(AccessTests(tests));
        }

        return text.Append(Paint(Ansi.Bold, plan.Summary.ToString())).Append('\n').ToString();
    }

    /// <summary>The access tests' summary, each case the files fail, and each case whose decision the plan changes.</summary>
    private string AccessTests(PlannedAccessTests tests)
    {
        var lines = new List<string> { Paint(tests.Failed > 0 ? Ansi.Red : Ansi.Bold, tests.Summary) };
        lines.AddRange(tests.Failures.Select(f => Paint(Ansi.Red, $"  fails:   {Printable(AccessTestPlanLines.Failure(f))}")));
        lines.AddRange(tests.Changed.Select(c => Paint(Ansi.Magenta, $"  changes: {Printable(AccessTestPlanLines.Change(c))}")));
        return string.Concat(lines.Select(l => l + "\n"));
    }

    /// <summary>One section of the plan, ending in a newline: its change list, then each changed policy in full after a blank line.</summary>
    internal string RenderSection(PlanSection section, IReadOnlyDictionary<string, string> names) =>
        ChangeList(section, names) + string.Concat(FullPolicies(section, names).Select(p => "\n" + p));

    /// <summary>
    /// The section's header, a line or more per change, a <c>!</c> line for each way a change widens access, and the
    /// notes, ending in a newline: what a reviewer reads first, and the Markdown render keeps in view.
    /// </summary>
    internal string ChangeList(PlanSection section, IReadOnlyDictionary<string, string> names)
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
    internal IReadOnlyList<string> FullPolicies(PlanSection section, IReadOnlyDictionary<string, string> names) =>
    [
        .. section.Changes.Select(c => c.Change)
            .Select(change => (change, renders: PolicyRenders(change, names)))
            .Where(c => c.renders is not null)
            .Select(c => string.Concat(
                new[] { $"  {Quoted(c.change.Subject)} ({c.change.Kind.Verb()}d):" }
                    .Concat(PolicyTextDiff.Lines(c.renders!.Value.Before, c.renders.Value.After).Select(DiffLineText))
                    .Select(l => l + "\n"))),
    ];

    /// <summary>An application's name, or for reusable policies, whose they are: the account.</summary>
    internal static string Title(AppTarget target) =>
        Printable(target.IsReusablePolicies ? $"{target.Name} ({target.Scope})" : target.Name);

    private static string Header(AppTarget target) => target.IsReusablePolicies
        ? Title(target)
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
                ReorderPolicies => Paint(Ansi.Cyan, "↕ reorder"),
                _ => Marked(change.Kind, Quoted(change.Subject)),
            };
        }

        var details = change switch
        {
            UpdatePolicy update => update.Fields.SelectMany(f => FieldLines(f, names)),
            ReorderPolicies reorder => reorder.Moves.Select(m => $"    {Quoted(m.PolicyName)}: {m.From} → {m.To}"),
            _ => [],
        };
        foreach (var line in details)
        {
            yield return line;
        }
    }

    /// <summary>A change's marker and verb, coloured: what goes in red, what comes in green, what changes in yellow.</summary>
    private string Marked(ChangeKind kind, string subject)
    {
        var (marker, colour) = kind switch
        {
            ChangeKind.Delete or ChangeKind.Detach => ('-', Ansi.Red),
            ChangeKind.Create or ChangeKind.Attach => ('+', Ansi.Green),
            _ => ('~', Ansi.Yellow),
        };
        return Paint(colour, $"{marker} {kind.Verb()} {subject}");
    }

    /// <summary>A scalar as <c>before → after</c>; a list as the items it loses and gains, since lists compare as sets.</summary>
    private IEnumerable<string> FieldLines(FieldChange field, IReadOnlyDictionary<string, string> names)
    {
        var before = JsonNode.Parse(field.Before);
        var after = JsonNode.Parse(field.After);
        if (before is not (JsonArray or null) || after is not (JsonArray or null) || (before is null && after is null))
        {
            yield return $"    {field.Path}: {Printable(Scalar(field.Before))} → {Printable(Scalar(field.After))}";
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

    /// <summary>What the plan leaves alone in a section, one note a policy.</summary>
    internal static IEnumerable<string> Notes(PlanSection section) => section.Unmanaged.Select(u =>
    {
        var at = u.Precedence is { } p ? $" (precedence {p})" : string.Empty;
        return u.IsReusable
            ? $"reusable policy {Quoted(u.Name)}{at} is attached to the application; it is managed elsewhere and left as it is"
            : $"live policy {Quoted(u.Name)}{at} is in no file; it is kept because prune is off";
    }).Concat(section.Unused.Select(r => $"live policy {Quoted(r.Name)} is in no file and attached to no application; it is kept because prune is off"));

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

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    private string Paint(string code, string text) => options.UseColor ? $"{code}{text}{Ansi.Reset}" : text;

    private static class Ansi
    {
        public const string Reset = "\e[0m";
        public const string Bold = "\e[1m";
        public const string Red = "\e[31m";
        public const string Green = "\e[32m";
        public const string Yellow = "\e[33m";
        public const string Magenta = "\e[35m";
        public const string Cyan = "\e[36m";
    }
}
