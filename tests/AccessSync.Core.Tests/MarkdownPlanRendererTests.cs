using System.Text;
using System.Text.RegularExpressions;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;

namespace AccessSync.Core.Tests;

public partial class MarkdownPlanRendererTests
{
    private const string Marker = "<!-- accesssync-plan -->";

    [Test]
    public void A_realistic_plan_renders_as_approved()
    {
        Approvals.Verify(new MarkdownPlanRenderer().Render(SamplePlans.Realistic()), "plan-markdown");
    }

    [Test]
    public void A_section_is_open_only_when_its_application_widens_access()
    {
        var narrow = PlanCreating("{name: Allow devs, decision: allow, include: [{group: Developers}]}");
        var wide = PlanCreating("{name: Health checks, decision: bypass, include: [{ip: 192.0.2.0/24}]}");

        new MarkdownPlanRenderer().Render(narrow).ShouldContain("<details>\n<summary><strong>Grafana</strong> · apps/app1.yaml · 1 to create</summary>");
        new MarkdownPlanRenderer().Render(wide).ShouldContain("<details open>\n<summary><strong>Grafana</strong> · apps/app1.yaml · 1 to create · ⚠️ widens access</summary>");
    }

    [Test]
    public void A_large_plan_is_split_between_sections_into_parts_under_the_limit()
    {
        var plan = LargePlan(applications: 300, policiesOfTheLargest: 0);

        var parts = new MarkdownPlanRenderer(new MarkdownPlanOptions(Marker)).RenderParts(plan, 20_000);

        parts.Count.ShouldBeGreaterThan(3);
        for (var i = 0; i < parts.Count; i++)
        {
            parts[i].Length.ShouldBeLessThanOrEqualTo(20_000);
            parts[i].ShouldStartWith($"{Marker}\n### AccessSync plan (part {i + 1} of {parts.Count})\n");
            Count(parts[i], "<details").ShouldBe(Count(parts[i], "</details>"), $"part {i + 1} splits a section");
            (Count(parts[i], "```") % 2).ShouldBe(0, $"part {i + 1} leaves a fence open");
        }

        var sections = parts.SelectMany(p => SectionName().Matches(p).Select(m => m.Groups[1].Value)).ToList();
        sections.ShouldBe(plan.Applications.Where(a => a.HasChanges).Select(a => a.App.Name));
        parts.Sum(p => Count(p, "| App ")).ShouldBe(plan.Applications.Count(a => a.HasChanges), "every application has its row in the table");
        parts[^1].ShouldEndWith(plan.Summary + "\n");
        parts.ShouldAllBe(p => !p.Contains(MarkdownPlanRenderer.Truncated));
    }

    [Test]
    public void A_section_larger_than_a_part_is_cut_and_says_so()
    {
        var plan = LargePlan(applications: 3, policiesOfTheLargest: 400);

        var parts = new MarkdownPlanRenderer().RenderParts(plan);

        parts.ShouldAllBe(p => p.Length <= MarkdownPlanRenderer.DefaultMaxChars);
        var cut = parts.Where(p => p.Contains(MarkdownPlanRenderer.Truncated)).ShouldHaveSingleItem();
        cut.ShouldContain(MarkdownPlanRenderer.Truncated + "\n```\n\n</details>\n");
        parts.SelectMany(p => SectionName().Matches(p).Select(m => m.Groups[1].Value)).Count().ShouldBe(3);
    }

    [Test]
    public void One_part_says_no_part_number()
    {
        var parts = new MarkdownPlanRenderer().RenderParts(SamplePlans.Realistic());

        parts.ShouldHaveSingleItem().ShouldStartWith(MarkdownPlanOptions.DefaultMarker + "\n### AccessSync plan\n\n| application |");
    }

    [Test]
    public void A_backtick_in_a_policy_name_cannot_close_the_fence()
    {
        var plan = PlanCreating("{name: 'Allow ```devs', decision: allow, include: [{group: Developers}]}");

        var markdown = new MarkdownPlanRenderer().Render(plan);

        markdown.ShouldContain("````diff\n");
        markdown.ShouldContain("\n````\n\n</details>");
    }

    /// <summary>Applications each with a created, an updated and a deleted policy; the first also creates many more.</summary>
    private static Plan LargePlan(int applications, int policiesOfTheLargest)
    {
        var names = Enumerable.Range(1, applications).Select(i => $"App {i:D3}").ToList();
        var live = Some.Live([.. names.Select(n => Some.App(n, Some.Policy("Allow devs", 1, extra: "\"session_duration\":\"1h\""), Some.Policy("Old", 2, decision: "deny")))]);
        var files = names.Select((n, i) =>
        {
            var yaml = new StringBuilder($"app: {{name: {n}}}\npolicies:\n  - {{name: Allow devs, decision: allow, include: [{{group: Developers}}, {{email: dev{i}@example.com}}], session_duration: 8h}}\n");
            foreach (var p in Enumerable.Range(1, i == 0 ? policiesOfTheLargest + 1 : 1))
            {
                yaml.Append($"  - {{name: Block country {p}, decision: deny, include: [{{geo: US}}, {{email: blocked{p}@example.com}}]}}\n");
            }

            return ($"apps/app{i:D3}.yaml", yaml.ToString());
        });
        return SamplePlans.Plan(live, [.. files]);
    }

    private static Plan PlanCreating(string policy) =>
        Some.Plan(Some.Project($"app: {{name: Grafana}}\npolicies:\n  - {policy}\n"), Some.Live(Some.App("Grafana")));

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex("<summary><strong>([^<]+)</strong>")]
    private static partial Regex SectionName();
}
