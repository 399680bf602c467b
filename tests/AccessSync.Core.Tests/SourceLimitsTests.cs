using System.Diagnostics;
using System.Globalization;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Sources;
using AccessSync.Core.Tests.Support;
using AccessSync.Core.Yaml;
using AccessSync.Testing;

namespace AccessSync.Core.Tests;

/// <summary>
/// Each limit on what a file may make the tool do: a file exactly at it passes, one past it fails with the one
/// located error that names the limit, and reading stops there.
/// </summary>
[NonParallelizable] // bounds on its own time
public class SourceLimitsTests
{
    private static YamlReadResult Read(string yaml) => YamlTreeReader.Read(new SourceFile("f.yaml", yaml));

    private static void ShouldPass(string yaml)
    {
        var result = Read(yaml);
        result.Diagnostics.ShouldBeEmpty();
        result.Root.ShouldNotBeNull();
    }

    private static void ShouldStopAt(string yaml, string code, int line, int column, string message)
    {
        var result = Read(yaml);
        result.Root.ShouldBeNull();
        result.Diagnostics.ShouldHaveSingleItem().ShouldBeError(code, new SourceSpan("f.yaml", line, column), message);
    }

    [Test]
    public void The_alias_bomb_stops_at_the_alias_that_passes_the_limit_without_expanding_anything()
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();

        var result = FileLoaderRead(HostileYaml.AliasBomb);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore).ShouldBeLessThan(5L * 1024 * 1024);
        result.ShouldHaveSingleItem().ShouldBeError(
            DiagnosticCodes.AliasExpansionTooLarge,
            new SourceSpan(Load.Path, 6, 12),
            $"aliases expand to more than {SourceLimits.MaxExpandedNodes} nodes; an alias stands for a copy of its anchor's node, and these copy copies");
    }

    /// <summary>The whole of loading, schema and model included, as `validate` runs it.</summary>
    private static IReadOnlyList<Diagnostic> FileLoaderRead(string yaml) => Load.Application(yaml).Diagnostics;

    [Test]
    public void Aliases_that_expand_to_exactly_the_limit_pass_and_one_node_more_stops_at_the_alias()
    {
        // A list of 999 values (1,000 nodes) under an anchor, plain fillers, then 198 aliases of the anchor:
        // 1 (the root) + 1,000 + fillers + 198 × 1,000 nodes.
        static string Expanding(int fillers) =>
            "- &a [" + string.Join(", ", Enumerable.Repeat("x", 999)) + "]\n"
            + string.Concat(Enumerable.Repeat("- filler\n", fillers))
            + string.Concat(Enumerable.Repeat("- *a\n", 198));

        ShouldPass(Expanding(999));
        ShouldStopAt(
            Expanding(1000),
            DiagnosticCodes.AliasExpansionTooLarge,
            1 + 1000 + 198,
            3,
            $"aliases expand to more than {SourceLimits.MaxExpandedNodes} nodes; an alias stands for a copy of its anchor's node, and these copy copies");
    }

    [Test]
    public void Ten_thousand_nested_mappings_stop_at_the_first_level_past_the_limit()
    {
        var deep = string.Concat(Enumerable.Repeat("{k: ", 10_000)) + "v" + new string('}', 10_000);
        var clock = Stopwatch.StartNew();

        var diagnostics = FileLoaderRead(deep);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        diagnostics.ShouldHaveSingleItem().ShouldBeError(
            DiagnosticCodes.NestingTooDeep,
            new SourceSpan(Load.Path, 1, (4 * SourceLimits.MaxDepth) + 1),
            $"lists and mappings nest deeper than {SourceLimits.MaxDepth} levels; a policy file needs fewer than ten");
    }

    [Test]
    public void Nesting_at_exactly_the_limit_passes_and_one_level_more_stops()
    {
        static string Nested(int levels) => new string('[', levels) + new string(']', levels);

        ShouldPass(Nested(SourceLimits.MaxDepth));
        ShouldStopAt(
            Nested(SourceLimits.MaxDepth + 1),
            DiagnosticCodes.NestingTooDeep,
            1,
            SourceLimits.MaxDepth + 1,
            $"lists and mappings nest deeper than {SourceLimits.MaxDepth} levels; a policy file needs fewer than ten");
    }

    /// <summary>Every stage after the reader (the schema check, the model) goes through a file as deep as the limit allows.</summary>
    [Test]
    public void A_policy_file_nested_to_exactly_the_limit_goes_through_the_schema_check_to_a_located_error()
    {
        // The root, policies, the policy, include and the rule are five levels; the rest are lists and mappings in turn,
        // directly under the rule's kind or inside the API's shape of it (two levels more).
        static string Nested(int levels) =>
            string.Concat(Enumerable.Range(0, levels).Select(i => i % 2 == 0 ? "[" : "{k: "))
            + "v"
            + string.Concat(Enumerable.Range(0, levels).Reverse().Select(i => i % 2 == 0 ? "]" : "}"));
        var rest = SourceLimits.MaxDepth - 5;
        var yaml = Load.WithPolicy($"decision: deny\ninclude:\n  - email: {Nested(rest)}\n  - email: {{email: [{Nested(rest - 2)}]}}");

        var diagnostics = FileLoaderRead(yaml);

        diagnostics.ShouldNotBeEmpty();
        diagnostics.ShouldAllBe(d => d.Span.Line >= 7 && d.Code != DiagnosticCodes.NestingTooDeep);
    }

    [Test]
    public void Exactly_the_limit_of_nodes_passes_and_one_more_stops_at_that_node()
    {
        // The list and its values: 1 + values nodes.
        static string Values(int values) => "[" + string.Join(",", Enumerable.Repeat("a", values)) + "]";

        ShouldPass(Values(SourceLimits.MaxNodes - 1));
        ShouldStopAt(
            Values(SourceLimits.MaxNodes),
            DiagnosticCodes.TooManyNodes,
            1,
            2 * SourceLimits.MaxNodes,
            $"the file has more than {SourceLimits.MaxNodes} nodes (keys, values, lists and mappings); a policy file describes one application");
    }

    [Test]
    public void A_key_of_exactly_the_limit_passes_and_one_character_more_stops_at_the_key()
    {
        ShouldPass("{" + new string('k', SourceLimits.MaxKeyLength) + ": v}");
        ShouldStopAt(
            "{" + new string('k', SourceLimits.MaxKeyLength + 1) + ": v}",
            DiagnosticCodes.KeyTooLong,
            1,
            2,
            $"a key longer than {SourceLimits.MaxKeyLength} characters ({SourceLimits.MaxKeyLength + 1}); the keys of a policy file are short names");
    }

    [Test]
    public void A_value_of_exactly_the_limit_passes_and_one_character_more_stops_at_the_value()
    {
        ShouldPass("k: \"" + new string('v', SourceLimits.MaxValueLength) + "\"");
        ShouldStopAt(
            "k: \"" + new string('v', SourceLimits.MaxValueLength + 1) + "\"",
            DiagnosticCodes.ValueTooLong,
            1,
            4,
            $"a value longer than {SourceLimits.MaxValueLength} characters ({SourceLimits.MaxValueLength + 1}); no field of a policy takes one so long");
    }

    [Test]
    public void Exactly_the_limit_of_rules_in_a_policy_passes_and_one_more_is_an_error_at_its_name()
    {
        // Include and require together count.
        static string Rules(int include) =>
            Load.WithPolicy($"decision: deny\ninclude: [{string.Join(", ", Enumerable.Repeat("{geo: US}", include))}]\nrequire: [{string.Join(", ", Enumerable.Repeat("{geo: CA}", 400))}]");

        Load.ValidApplication(Rules(SourceLimits.MaxRulesPerPolicy - 400));
        Load.SingleDiagnostic(Rules(SourceLimits.MaxRulesPerPolicy - 399)).ShouldBeError(
            DiagnosticCodes.TooManyRules,
            new SourceSpan(Load.Path, 4, 11),
            $"policy `P` has {SourceLimits.MaxRulesPerPolicy + 1} rules (include, exclude and require together), more than the limit of {SourceLimits.MaxRulesPerPolicy}; Cloudflare refuses more rules than that per application");
    }

    [Test]
    public void Exactly_the_limit_of_rules_in_a_reusable_policy_passes_and_one_more_is_an_error()
    {
        static string Rules(int count) =>
            $"policy:\n  name: R\n  decision: deny\n  include: [{string.Join(", ", Enumerable.Repeat("{geo: US}", count))}]\n";

        Load.Reusable(Rules(SourceLimits.MaxRulesPerPolicy)).Diagnostics.ShouldBeEmpty();
        Load.Reusable(Rules(SourceLimits.MaxRulesPerPolicy + 1)).Diagnostics.ShouldHaveSingleItem().ShouldBeError(
            DiagnosticCodes.TooManyRules,
            new SourceSpan(Load.ReusablePath, 2, 9),
            $"policy `R` has {SourceLimits.MaxRulesPerPolicy + 1} rules (include, exclude and require together), more than the limit of {SourceLimits.MaxRulesPerPolicy}; Cloudflare refuses more rules than that per application");
    }

    [Test]
    public void Exactly_the_limit_of_policies_in_an_application_passes_and_one_more_is_an_error_at_the_list()
    {
        // Use entries count: each attaches a policy.
        static string Policies(int own) =>
            "app: {name: A}\npolicies:\n  - use: Shared\n"
            + string.Concat(Enumerable.Range(1, own).Select(i => $"  - {{name: P{i}, decision: deny, include: [{{email: u{i}@example.com}}]}}\n"));

        Load.ValidApplication(Policies(SourceLimits.MaxPoliciesPerApplication - 1));
        Load.SingleDiagnostic(Policies(SourceLimits.MaxPoliciesPerApplication)).ShouldBeError(
            DiagnosticCodes.TooManyPolicies,
            new SourceSpan(Load.Path, 3, 3),
            $"the application has {SourceLimits.MaxPoliciesPerApplication + 1} policies (`use` entries included), more than the limit of {SourceLimits.MaxPoliciesPerApplication}; split it or make the rules of several policies one");
    }

    [Test]
    public void A_precedence_past_the_schema_s_maximum_is_an_error_at_the_value_not_a_crash()
    {
        Load.ValidApplication(Load.WithPolicy("decision: deny\ninclude: [{geo: US}]\nprecedence: 1000000000"));
        Load.SingleDiagnostic(Load.WithPolicy("decision: deny\ninclude: [{geo: US}]\nprecedence: 99999999999")).ShouldBeError(
            DiagnosticCodes.InvalidValue,
            new SourceSpan(Load.Path, 7, 17),
            "`precedence` must be at most 1000000000 (got `99999999999`)");
    }

    [Test]
    public void A_use_entry_s_precedence_past_the_maximum_is_an_error_at_the_value_not_a_crash()
    {
        Load.SingleDiagnostic("app: {name: A}\npolicies:\n  - use: Shared\n    precedence: 99999999999\n").ShouldBeError(
            DiagnosticCodes.InvalidValue,
            new SourceSpan(Load.Path, 4, 17),
            "`precedence` must be at most 1000000000 (got `99999999999`)");
    }

    [Test]
    public void An_approval_count_past_the_maximum_is_an_error_at_the_value_not_a_crash()
    {
        Load.SingleDiagnostic(Load.WithPolicy("decision: allow\ninclude: [{geo: US}]\napproval_required: true\napproval_groups: [{approvals_needed: 99999999999, email_addresses: [a@example.com]}]")).ShouldBeError(
            DiagnosticCodes.InvalidValue,
            new SourceSpan(Load.Path, 8, 42),
            "`approvals_needed` must be at most 1000 (got `99999999999`)");
    }

    [Test]
    public void A_percentage_that_is_not_a_number_is_an_error_at_the_value_not_a_crash()
    {
        FileLoader.LoadConfig(new SourceFile("accesssync.yaml", "safety: {max_delete_percent: .nan}")).Diagnostics.ShouldHaveSingleItem().ShouldBeError(
            DiagnosticCodes.WrongType,
            new SourceSpan("accesssync.yaml", 1, 30),
            "`max_delete_percent` must be a number, not the string \".nan\"");
    }

    [Test]
    public void The_README_lists_each_limit_with_its_number()
    {
        static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));

        readme.ShouldSatisfyAllConditions(
            () => readme.ShouldContain($"| {SourceLimits.MaxFileBytes / 1024 / 1024} MiB |"),
            () => readme.ShouldContain($"| {SourceLimits.MaxDepth} levels |"),
            () => readme.ShouldContain($"| {Number(SourceLimits.MaxNodes)} |"),
            () => readme.ShouldContain($"| {Number(SourceLimits.MaxExpandedNodes)} |"),
            () => readme.ShouldContain($"| {SourceLimits.MaxKeyLength} characters |"),
            () => readme.ShouldContain($"| {Number(SourceLimits.MaxValueLength)} characters |"),
            () => readme.ShouldContain($"| {Number(SourceLimits.MaxRulesPerPolicy)} |"),
            () => readme.ShouldContain($"| {SourceLimits.MaxPoliciesPerApplication} |"));
    }
}
