using System.Text;
using System.Text.RegularExpressions;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;
using AccessSync.Core.Tests.Support;
using AccessSync.Testing;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace AccessSync.Core.Tests;

public partial class MarkdownPlanRendererTests
{
    private const string Marker = "<!-- accesssync-plan -->";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    [Test]
    public void The_access_tests_outcome_comes_before_the_changes_with_each_failure_and_each_changed_decision()
    {
        Approvals.Verify(new MarkdownPlanRenderer().Render(SamplePlans.WithAccessTests()), "plan-markdown-access-tests");
    }

    [Test]
    public void A_realistic_plan_renders_as_approved()
    {
        Approvals.Verify(new MarkdownPlanRenderer().Render(SamplePlans.Realistic()), "plan-markdown");
    }

    [Test]
    public void A_plan_with_reusable_policies_renders_as_approved()
    {
        Approvals.Verify(new MarkdownPlanRenderer().Render(SamplePlans.WithReusable()), "plan-markdown-reusable");
    }

    [Test]
    public void The_reusable_policies_have_the_first_row_and_section_and_attach_and_detach_their_columns()
    {
        var markdown = new MarkdownPlanRenderer().Render(SamplePlans.WithReusable());

        markdown.ShouldContain("""
            | application | create | update | delete | reorder | attach | detach | widens |
            |---|--:|--:|--:|--:|--:|--:|--:|
            | Reusable policies <br> account 9a7806061c88ada191ed06f989cc3dac | 3 | 1 | 1 | 0 | 0 | 0 | ⚠️ 1 |
            | Deploy API <br> `apps/deploy-api.yaml` | 0 | 0 | 0 | 0 | 1 | 0 | ⚠️ 1 |
            | Grafana <br> `apps/grafana.yaml` | 1 | 0 | 1 | 0 | 1 | 1 | ⚠️ 4 |
            """);
        SectionName().Matches(markdown).Select(m => m.Groups[1].Value).ShouldBe(["Reusable policies", "Deploy API", "Grafana", "Status page"]);
        markdown.ShouldContain("<details open>\n<summary><strong>Reusable policies</strong> · account 9a7806061c88ada191ed06f989cc3dac · 3 to create, 1 to update, 1 to delete · ⚠️ widens access</summary>\n\n```diff\nReusable policies (account 9a7806061c88ada191ed06f989cc3dac)\n- delete \"Old shared policy\"\n");
        markdown.ShouldContain("<summary><strong>Grafana</strong> · apps/grafana.yaml · 1 to create, 1 to delete, 1 to attach, 1 to detach · ⚠️ widens access</summary>");
    }

    [Test]
    public void A_kept_reusable_policy_in_a_plan_without_changes_is_a_note()
    {
        var plan = PlanCreating("{name: Allow devs, decision: allow, include: [{group: Developers}]}");
        var unchanged = plan with
        {
            Applications = [plan.Applications[0] with { Changes = [] }],
            Reusable = [new ReusablePlan(Some.Account, "Legacy *shared*", string.Empty, null, [])],
        };

        new MarkdownPlanRenderer().Render(unchanged).ShouldBe($"""
            {Marker}
            ### AccessSync plan

            **Plan: 0 to create, 0 to update, 0 to delete, 0 to reorder.**

            {TextPlanRenderer.NoChanges}

            - note: Reusable policies (account 9a7806061c88ada191ed06f989cc3dac): live policy "Legacy \*shared\*" is in no file and attached to no application; it is kept because prune is off

            Plan: 0 to create, 0 to update, 0 to delete, 0 to reorder.

            """);
    }

    [Test]
    public void A_large_reusable_section_is_a_part_of_its_own_and_never_split()
    {
        var plan = LargePlan(applications: 40, policiesOfTheLargest: 0);
        var created = SamplePlans.WithReusable().Reusable.Single(r => r.Name == "Allow developers");
        var desired = ((CreatePolicy)created.Change!).Desired;
        var many = plan with
        {
            Reusable =
            [
                .. Enumerable.Range(1, 60).Select(i => created with
                {
                    Name = $"Shared {i:D2}",
                    Change = new CreatePolicy(desired.Renamed($"Shared {i:D2}")),
                    Apps = ["App 001", "App 002"],
                }),
            ],
        };

        var parts = new MarkdownPlanRenderer().RenderParts(many, 20_000);

        parts.ShouldAllBe(p => p.Length <= 20_000);
        parts.ShouldAllBe(p => Count(p, "<details") == Count(p, "</details>"));
        var sections = parts.SelectMany(p => SectionName().Matches(p).Select(m => m.Groups[1].Value)).ToList();
        sections.ShouldBe(["Reusable policies", .. plan.Applications.Select(a => a.App.Name)]);
        var reusable = parts.Single(p => p.Contains("<strong>Reusable policies</strong>", StringComparison.Ordinal));
        SectionName().Matches(reusable)[0].Groups[1].Value.ShouldBe("Reusable policies", "the reusable section, too large to follow the table, starts a part");
        reusable.ShouldContain("+ create \"Shared 01\"");
        reusable.ShouldContain("· 60 to create</summary>");
        reusable.ShouldContain("+ create \"Shared 60\" reusable/allow-developers.yaml\n    used by: App 001, App 002\n");
        parts.ShouldAllBe(p => !p.Contains(MarkdownPlanRenderer.Truncated));
    }

    [Test]
    public void Every_section_is_open_and_one_that_widens_access_says_so()
    {
        var narrow = PlanCreating("{name: Block contractors, decision: deny, include: [{group: Contractors}]}");
        var wide = PlanCreating("{name: Health checks, decision: bypass, include: [{ip: 192.0.2.0/24}]}");

        new MarkdownPlanRenderer().Render(narrow).ShouldContain("<details open>\n<summary><strong>Grafana</strong> · apps/app1.yaml · 1 to create</summary>");
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
            parts[i].ShouldStartWith($"{Marker}\n### AccessSync plan (part {i + 1} of {parts.Count}): ");
            Count(parts[i], "<details").ShouldBe(Count(parts[i], "</details>"), $"part {i + 1} splits a section");
            (Count(parts[i], "```") % 2).ShouldBe(0, $"part {i + 1} leaves a fence open");
        }

        var sections = parts.SelectMany(p => SectionName().Matches(p).Select(m => m.Groups[1].Value)).ToList();
        sections.ShouldBe(plan.Applications.Where(a => a.HasChanges).Select(a => a.App.Name));
        parts.Sum(p => Count(p, "| App ")).ShouldBe(plan.Applications.Count(a => a.HasChanges), "every application has its row in the table");
        parts[0].ShouldContain($"**{plan.Summary}**", customMessage: "the totals open part 1");
        parts.ShouldAllBe(p => !p.Contains(MarkdownPlanRenderer.Truncated));
    }

    [Test]
    public void The_change_list_is_in_view_and_the_full_policies_in_a_closed_section_within()
    {
        var markdown = new MarkdownPlanRenderer().Render(SamplePlans.Realistic());

        markdown.ShouldContain("""
            !     match is now let in
            ```

            <details>
            <summary>Full policies (3)</summary>

            ```diff
              "Legacy VPN range" (deleted):
            -   name: Legacy VPN range
            """);
        markdown.ShouldContain("""
            -   session_duration: 8h
            +   session_duration: 24h
            ```

            </details>

            </details>
            """);
        Count(markdown, "Full policies").ShouldBe(4, "one for each application with a created, updated or deleted policy");
    }

    [Test]
    public void An_update_and_a_reorder_head_a_hunk_and_a_changed_value_is_a_removed_and_an_added_line()
    {
        var markdown = new MarkdownPlanRenderer().Render(SamplePlans.Realistic());

        markdown.ShouldContain("@@ ~ update \"Allow engineering\" @@\n    include:\n+     email: {email: ada@example.com}\n");
        markdown.ShouldContain("\n-   session_duration: 8h\n+   session_duration: 24h\n!   widens access: include gains");
        markdown.ShouldContain("\n@@ ↕ reorder @@\n-   \"Allow engineering\": 2\n+   \"Allow engineering\": 1\n-   \"Block contractors\": 1\n+   \"Block contractors\": 2\n");
        // GitHub colours a diff line by its first character: no line of a change is left uncoloured, nor written with an arrow.
        var lines = CodeLines(markdown).ToList();
        lines.ShouldContain("@@ ↕ reorder @@");
        lines.ShouldAllBe(l => !l.StartsWith('~') && !l.StartsWith('↕') && (!l.Contains('→') || l.StartsWith("!   widens access: ")));
    }

    [Test]
    public void A_rule_too_long_for_a_line_is_in_block_style_and_prose_is_broken_at_spaces()
    {
        var markdown = new MarkdownPlanRenderer().Render(SamplePlans.WithLongValues());

        markdown.ShouldContain("""
            +     email:
            +       email: someone-with-a-very-long-address-for-the-finance-approvals@accounts.example.com
            """);
        markdown.ShouldContain($"""
                - group: # Developers of the payments platform, the ledger and the settlement services
                    id: {Some.DevelopersId}
            """);
        markdown.ShouldContain("""
            + create "Partner engineers from the contracted integration firm working on the settlement services"
            +   (precedence 2)
            !   widens access: a new allow policy: whoever it matches gets in
            """);
        markdown.ShouldContain("""
            !   widens access: include gains email: {email:
            !     someone-with-a-very-long-address-for-the-finance-approvals@accounts.example.com}
            """);
        markdown.ShouldContain($"+       evaluate_url: {SamplePlans.UnbreakableValue}\n", customMessage: "a value no break can shorten stays whole");
        var lines = CodeLines(markdown).ToList();
        lines.Where(l => l.Length > SectionText.MaxLineLength).ShouldAllBe(l => l.Contains(SamplePlans.UnbreakableValue));
    }

    [Test]
    public void The_text_plan_keeps_its_arrows()
    {
        var text = new TextPlanRenderer().Render(SamplePlans.Realistic());

        text.ShouldContain("\n~ update \"Allow engineering\"\n");
        text.ShouldContain("\n    session_duration: 8h → 24h\n");
        text.ShouldContain("\n↕ reorder\n    \"Allow engineering\": 2 → 1\n");
    }

    [Test]
    public void A_section_without_a_changed_policy_text_has_no_full_policies()
    {
        var markdown = new MarkdownPlanRenderer().Render(SamplePlans.WithReusable());

        var section = markdown[markdown.IndexOf("<summary><strong>Deploy API</strong>", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("</details>", StringComparison.Ordinal) + "</details>".Length)];
        section.ShouldContain("+ attach \"[Deploy API] Health checks\" (precedence 1)\n");
        section.ShouldEndWith("```\n\n</details>", customMessage: "the change list ends the section");
        section.ShouldNotContain("Full policies");
    }

    [Test]
    public void Each_part_names_in_its_heading_the_applications_it_holds_and_the_part_before_names_them_too()
    {
        var plan = LargePlan(applications: 300, policiesOfTheLargest: 0);

        var parts = new MarkdownPlanRenderer().RenderParts(plan, 20_000);

        parts[0].ShouldStartWith($"{Marker}\n### AccessSync plan (part 1 of {parts.Count}): overview\n\n**Plan:");
        for (var i = 0; i < parts.Count; i++)
        {
            var heading = parts[i].Split('\n')[1];
            var holds = heading[heading.IndexOf("): ", StringComparison.Ordinal)..][3..];
            var sections = SectionName().Matches(parts[i]).Select(m => m.Groups[1].Value).ToList();
            var named = sections.Count switch
            {
                0 => null,
                1 => sections[0],
                2 => $"{sections[0]}, {sections[1]}",
                _ => $"{sections[0]} … {sections[^1]} ({sections.Count} applications)",
            };
            if (named is not null)
            {
                holds.ShouldEndWith(named, customMessage: $"part {i + 1} names its applications");
            }

            if (i + 1 < parts.Count)
            {
                parts[i].ShouldEndWith($"\n\nContinued in part {i + 2}: {parts[i + 1].Split('\n')[1].Split("): ", 2)[1]}\n");
            }
            else
            {
                parts[i].ShouldEndWith($"{plan.Summary}\n");
            }
        }

        parts.ShouldContain(p => p.Contains("): App 002 … App 0", StringComparison.Ordinal));
    }

    [Test]
    public void Part_1_holds_the_whole_widening_list_or_says_how_many_more_there_are_and_where()
    {
        var plan = LargePlan(applications: 300, policiesOfTheLargest: 0);
        var widenings = WideningList.Of(PlanReviewer.Review(plan)).Count;

        var whole = new MarkdownPlanRenderer().RenderParts(plan);
        var cut = new MarkdownPlanRenderer().RenderParts(plan, 20_000);

        Count(whole[0], "\n- **App ").ShouldBe(widenings);
        whole.Skip(1).ShouldAllBe(p => !p.Contains("\n- **App ", StringComparison.Ordinal));
        var shown = Count(cut[0], "\n- **App ");
        shown.ShouldBeGreaterThan(0);
        cut[0].ShouldContain($"\n- … and {widenings - shown} more: every one is in the job log, and in the saved plan file under `widening`\n");
        cut.Skip(1).ShouldAllBe(p => !p.Contains("\n- **App ", StringComparison.Ordinal));
    }

    [Test]
    public void A_part_heading_shows_a_long_name_cut_short_and_as_written()
    {
        var name = "Grafana *for* the payments platform team in the European region";
        var live = Some.Live([.. Enumerable.Range(1, 3).Select(i => Some.App($"{name} {i}", Some.Policy("Old", 1, decision: "deny")))]);
        var plan = SamplePlans.Plan(live, [.. Enumerable.Range(1, 3).Select(i => ($"apps/app{i}.yaml", $"app: {{name: {name} {i}}}\npolicies:\n  - {{name: Allow devs, decision: allow, include: [{{group: Developers}}]}}\n"))]);

        var parts = new MarkdownPlanRenderer().RenderParts(plan, 1_500);

        parts.Count.ShouldBeGreaterThan(1);
        parts.ShouldAllBe(p => p.Length <= 1_500);
        parts.ShouldContain(p => p.Contains("): Grafana \\*for\\* the…European region 2\n", StringComparison.Ordinal));
        parts.ShouldContain(p => p.Contains("Continued in part 5: Grafana \\*for\\* the…European region 3\n", StringComparison.Ordinal));
    }

    [Test]
    public void A_section_larger_than_a_part_is_cut_in_its_full_policies_and_says_so()
    {
        var plan = LargePlan(applications: 3, policiesOfTheLargest: 400);

        var parts = new MarkdownPlanRenderer().RenderParts(plan);

        parts.ShouldAllBe(p => p.Length <= MarkdownPlanRenderer.DefaultMaxChars);
        var cut = parts.Where(p => p.Contains(MarkdownPlanRenderer.Truncated)).ShouldHaveSingleItem();
        cut.ShouldContain("+ create \"Block country 401\" (precedence 402)\n", customMessage: "the change list is whole");
        cut.ShouldContain(MarkdownPlanRenderer.Truncated + "\n```\n\n</details>\n\n</details>\n");
        parts.SelectMany(p => SectionName().Matches(p).Select(m => m.Groups[1].Value)).Count().ShouldBe(3);
    }

    [Test]
    public void A_change_list_larger_than_a_part_is_cut_and_says_so_and_the_full_policies_left_out()
    {
        var plan = LargePlan(applications: 3, policiesOfTheLargest: 400);

        var parts = new MarkdownPlanRenderer().RenderParts(plan, 5_000);

        parts.ShouldAllBe(p => p.Length <= 5_000);
        var cut = parts.Where(p => p.Contains(MarkdownPlanRenderer.Truncated)).ShouldHaveSingleItem();
        cut.ShouldContain("+ create \"Block country 1\"");
        cut.ShouldNotContain("Full policies");
        cut.ShouldContain(MarkdownPlanRenderer.Truncated + "\n```\n\n</details>\n");
        Count(cut, "<details").ShouldBe(Count(cut, "</details>"));
    }

    [Test]
    public void One_part_says_no_part_number()
    {
        var parts = new MarkdownPlanRenderer().RenderParts(SamplePlans.Realistic());

        parts.ShouldHaveSingleItem().ShouldStartWith(MarkdownPlanOptions.DefaultMarker + "\n### AccessSync plan\n\n**Plan:");
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
    public static IEnumerable<TestCaseData> Markdown_plans() =>
    [
        new TestCaseData((Func<Plan>)SamplePlans.Realistic, MarkdownPlanRenderer.DefaultMaxChars).SetArgDisplayNames("realistic"),
        new TestCaseData((Func<Plan>)SamplePlans.Realistic, 1_500).SetArgDisplayNames("realistic, in parts of 1,500"),
        new TestCaseData((Func<Plan>)SamplePlans.WithReusable, MarkdownPlanRenderer.DefaultMaxChars).SetArgDisplayNames("with reusable policies"),
        new TestCaseData((Func<Plan>)SamplePlans.WithReusable, 1_500).SetArgDisplayNames("with reusable policies, in parts of 1,500"),
        new TestCaseData((Func<Plan>)SamplePlans.WithAccessTests, MarkdownPlanRenderer.DefaultMaxChars).SetArgDisplayNames("with access tests"),
        new TestCaseData((Func<Plan>)SamplePlans.WithLongValues, MarkdownPlanRenderer.DefaultMaxChars).SetArgDisplayNames("with long values"),
        new TestCaseData((Func<Plan>)SamplePlans.WithLongValues, 1_500).SetArgDisplayNames("with long values, in parts of 1,500"),
        new TestCaseData((Func<Plan>)(() => LargePlan(applications: 300, policiesOfTheLargest: 0)), MarkdownPlanRenderer.DefaultMaxChars).SetArgDisplayNames("300 applications"),
    ];

    [TestCaseSource(nameof(Markdown_plans))]
    public void Each_part_parses_as_GitHub_markdown_with_nested_details_whole_tables_closed_fences_short_lines_and_its_applications_named(Func<Plan> sample, int maxChars)
    {
        var parts = new MarkdownPlanRenderer().RenderParts(sample(), maxChars);

        foreach (var (part, index) in parts.Select((p, i) => (p, i + 1)))
        {
            part.Length.ShouldBeLessThanOrEqualTo(maxChars, $"part {index} is over the limit for a comment");
            var document = Markdown.Parse(part, Pipeline);

            // <details> and </details> stand in HTML blocks of their own, never inside a fence where they would show as
            // text, and nest: a section, and within it the full text of its policies.
            var html = document.Descendants<HtmlBlock>().Select(b => b.Lines.ToString()).ToList();
            html.Sum(b => Count(b, "<details")).ShouldBe(Count(part, "<details"), $"part {index}: a <details> is not an HTML block");
            var depths = new List<int> { 0 };
            foreach (var tag in html.SelectMany(b => DetailsTag().Matches(b)).Select(m => m.Value))
            {
                depths.Add(depths[^1] + (tag == "</details" ? -1 : 1));
            }

            depths.ShouldAllBe(d => d >= 0 && d <= 2, $"part {index}: a </details> closes what is not open, or a section nests deeper than its full policies");
            depths[^1].ShouldBe(0, $"part {index} leaves a <details> open");

            var fences = document.Descendants<FencedCodeBlock>().ToList();
            fences.ShouldAllBe(f => f.ClosingFencedCharCount >= f.OpeningFencedCharCount, $"part {index} leaves a fence open");

            // GitHub shows a code block's longer line only by scrolling it sideways: only a value no break can shorten is longer.
            CodeLines(part).Where(l => l.Length > SectionText.MaxLineLength).ShouldAllBe(
                l => l.Contains(SamplePlans.UnbreakableValue) && l.Length <= SamplePlans.UnbreakableValue.Length + "+       evaluate_url: ".Length,
                $"part {index} has a code line longer than {SectionText.MaxLineLength} characters");

            foreach (var table in document.Descendants<Table>())
            {
                var rows = table.OfType<TableRow>().ToList();
                rows.ShouldAllBe(r => r.Count == rows[0].Count, $"part {index}: a row has another number of cells than the header");
            }

            if (parts.Count > 1)
            {
                // The heading names the part's first and last application (a long name by its beginning and end); the
                // part before ends naming them as well.
                var holds = part.Split('\n')[1].Split("): ", 2)[1];
                var sections = SectionName().Matches(part).Select(m => m.Groups[1].Value).ToList();
                holds.ShouldContain(sections.Count > 0 ? sections[0][..Math.Min(15, sections[0].Length)] : "overview", customMessage: $"part {index}: {holds}");
                holds.ShouldContain(sections.Count > 0 ? sections[^1][^Math.Min(15, sections[^1].Length)..] : "overview", customMessage: $"part {index}: {holds}");
                if (index > 1)
                {
                    parts[index - 2].ShouldEndWith($"\nContinued in part {index}: {holds}\n");
                }
            }
        }

        parts[0].ShouldContain($"**{sample().Summary}**", customMessage: "part 1 opens with the totals");
    }

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

    /// <summary>A plan that creates one policy of Grafana, which has one of its own already (else it would get reusable ones).</summary>
    private static Plan PlanCreating(string policy) =>
        Some.Plan(
            Some.Project($"app: {{name: Grafana}}\npolicies:\n  - {policy}\n  - {{name: Kept, decision: allow, include: [{{group: Developers}}]}}\n"),
            Some.Live(Some.App("Grafana", Some.Policy("Kept", 2))));

    /// <summary>Every line of every code block, as GitHub parses the Markdown.</summary>
    private static IEnumerable<string> CodeLines(string markdown) =>
        Markdown.Parse(markdown, Pipeline).Descendants<FencedCodeBlock>().SelectMany(f => f.Lines.Lines.Take(f.Lines.Count).Select(l => l.ToString()));

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    [GeneratedRegex("<summary><strong>([^<]+)</strong>")]
    private static partial Regex SectionName();

    [GeneratedRegex("</?details")]
    private static partial Regex DetailsTag();
}
