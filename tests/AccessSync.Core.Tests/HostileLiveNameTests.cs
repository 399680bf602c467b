using System.Text.RegularExpressions;
using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Fuzzing;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>
/// Names read from the live account are server text: an application, policy or group named with terminal escapes,
/// bidi overrides or line breaks reaches the text plan, the Markdown comment and the apply report only escaped,
/// and a name written as Markdown or HTML cannot break the comment's structure.
/// </summary>
public class HostileLiveNameTests
{
    private const string File = "app: {domain: evil.example.com}\npolicies:\n  - {name: Allow devs, decision: allow, include: [{group: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f}}], require: [{email: ada@example.com}]}\n";

    /// <summary>Each as JSON would carry it (the live policies are built from JSON).</summary>
    private static readonly string[] PolicyNames =
    [
        @"Clear\u001b[2J\u001b]0;owned\u0007",
        @"Forged\n+ create \""Everyone\"" (precedence 1)",
        @"txt.\u202egpj",
        @"\u2066isolated\u2069\u200f and \u0085next\u2028line",
        @"**bold** </details></summary><h1>x</h1> | `code` <!--",
    ];

    private static LiveState Live()
    {
        var live = Some.Live(Some.App("Evil\u001b[31m app\u202e\r\n</details>", "evil.example.com", [.. PolicyNames.Select((name, i) => Some.Policy(name, i + 2))]));
        return new LiveState([live.Scopes[0] with { Groups = [new NamedObject(Some.DevelopersId, "Dev\u001b[31m\u202eelopers")] }]);
    }

    private static Planning.Plan Plan()
    {
        var live = Live();
        var plan = Some.Plan(Some.Project(File), live);
        plan.Applications.Single().Changes.ShouldNotBeEmpty();
        return plan;
    }

    [Test]
    public void The_text_plan_shows_hostile_live_names_escaped()
    {
        var text = new TextPlanRenderer().Render(PlanReviewer.Review(Plan()));

        PlanRendering.Unsafe("text", text).ShouldBeNull();
        text.ShouldContain(@"- delete ""Clear\x1b[2J\x1b]0;owned\x07""");
        text.ShouldContain(@"- delete ""Forged\x0a+ create \""Everyone\"" (precedence 1)""");
        text.ShouldContain(@"txt.\u202egpj");
        text.ShouldNotContain("\n+ create \"Everyone\"");
    }

    [Test]
    public void The_coloured_text_plan_has_no_escape_but_its_own_colours()
    {
        var text = new TextPlanRenderer(new TextPlanOptions(UseColor: true)).Render(PlanReviewer.Review(Plan()));

        text.Replace("\e[0m", "").Replace("\e[1m", "").Replace("\e[31m", "").Replace("\e[32m", "").Replace("\e[33m", "").Replace("\e[35m", "").Replace("\e[36m", "")
            .ShouldNotContain('\e');
        text.ShouldContain(@"Evil\x1b[31m app\u202e\x0d\x0a</details>");
    }

    [Test]
    public void The_Markdown_comment_keeps_its_structure_whatever_the_live_names()
    {
        var markdown = new MarkdownPlanRenderer().Render(PlanReviewer.Review(Plan()));

        PlanRendering.Unsafe("Markdown", markdown).ShouldBeNull();
        // Outside the code blocks (whose text GitHub shows as written), one section and the full policies within it,
        // each opened and closed once: no name closes one, opens another or ends its code block.
        var outsideCode = Regex.Replace(markdown, @"^(`{3,})diff\n.*?^\1$", "", RegexOptions.Multiline | RegexOptions.Singleline);
        outsideCode.Split("<details").Length.ShouldBe(3);
        outsideCode.Split("</details>").Length.ShouldBe(3);
        outsideCode.Split("</summary>").Length.ShouldBe(3);
        markdown.ShouldContain(@"| Evil\\x1b\[31m app\\u202e\\x0d\\x0a&lt;/details&gt; <br>");
        markdown.ShouldContain("<summary><strong>Evil\\x1b[31m app\\u202e\\x0d\\x0a&lt;/details&gt;</strong>");
    }

    [Test]
    public void The_apply_report_shows_hostile_names_escaped()
    {
        var plan = Plan();
        var app = plan.Applications.Single();
        var report = new ApplyReport([.. app.Changes.Select((c, i) => new ItemOutcome(
            new PlanItem(app.App, c.Kind, c.Subject, null),
            i % 2 == 0 ? ItemStatus.Done : ItemStatus.Failed,
            i % 2 == 0 ? null : $"the API refused \"{c.Subject}\""))]);

        var text = ApplyReportRenderer.Render(report);

        PlanRendering.Unsafe("apply report", text).ShouldBeNull();
        text.ShouldContain(@"Evil\x1b[31m app\u202e\x0d\x0a</details> (account");
    }

    [TestCase(DiagnosticFormat.Text)]
    [TestCase(DiagnosticFormat.GitHub)]
    public void A_diagnostic_that_quotes_a_hostile_name_is_one_escaped_line(DiagnosticFormat format)
    {
        var diagnostic = Diagnostics.Diagnostic.Error("unknown-reference", "no Access group named \"Evil\u001b]0;pwned\u0007\u202e\r\nforged\"", new Diagnostics.SourceSpan("apps/a.yaml", 4, 9));

        var line = DiagnosticRenderer.Render(diagnostic, format);

        PlanRendering.Unsafe("diagnostic", line).ShouldBeNull();
        line.ShouldNotContain("\n");
        line.ShouldContain(@"Evil\x1b]0;pwned\x07\u202e");
    }
}
