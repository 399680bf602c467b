using System.Text;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;

namespace AccessSync.Core.Rendering;

/// <param name="UseColor">ANSI colours, for a terminal that shows them.</param>
public sealed record TextPlanOptions(bool UseColor = false);

/// <summary>
/// The plan as a person reads it in a terminal or a CI log. First the reusable policies of each account the plan
/// changes (once, with the applications that use each), then each application with changes: a header, one line
/// per change (field-level differences under an update, moves under a reorder), a <c>!</c> line for each way a
/// change widens access, notes on live policies no file manages, then each changed policy's YAML diffed
/// (<see cref="SectionText"/>, which the Markdown render shares).
/// </summary>
public sealed class TextPlanRenderer(TextPlanOptions options) : IPlanRenderer
{
    public const string NoChanges = "No changes. Live policies match the files.";

    private readonly SectionText sectionText = new(SectionNotation.Terminal, options.UseColor);

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
                text.Append(Paint(Ansi.Magenta, $"! {SectionText.Printable(line.Text)}")).Append('\n');
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

        foreach (var note in unchanged.SelectMany(s => SectionText.Notes(s).Select(n => $"{Title(s.Target)}: {n}")))
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
        lines.AddRange(tests.Failures.Select(f => Paint(Ansi.Red, $"  fails:   {SectionText.Printable(AccessTestPlanLines.Failure(f))}")));
        lines.AddRange(tests.Changed.Select(c => Paint(Ansi.Magenta, $"  changes: {SectionText.Printable(AccessTestPlanLines.Change(c))}")));
        return string.Concat(lines.Select(l => l + "\n"));
    }

    /// <summary>One section of the plan, ending in a newline: its change list, then each changed policy in full after a blank line.</summary>
    internal string RenderSection(PlanSection section, IReadOnlyDictionary<string, string> names) =>
        sectionText.ChangeList(section, names) + string.Concat(sectionText.FullPolicies(section, names).Select(p => "\n" + p));

    /// <summary>An application's name, or for reusable policies, whose they are: the account.</summary>
    internal static string Title(AppTarget target) =>
        SectionText.Printable(target.IsReusablePolicies ? $"{target.Name} ({target.Scope})" : target.Name);

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    private string Paint(string code, string text) => Ansi.Paint(options.UseColor, code, text);
}
