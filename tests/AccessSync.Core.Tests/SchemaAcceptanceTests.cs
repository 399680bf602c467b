using System.Collections.Immutable;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Schema;
using AccessSync.Core.Sources;
using AccessSync.Core.Tests.Fuzzing;
using AccessSync.Core.Yaml;
using AccessSync.Testing;
using FsCheck;
using FsCheck.Fluent;
using NJsonSchema.Validation;

namespace AccessSync.Core.Tests;

/// <summary>
/// The quick acceptance vouches only for trees NJsonSchema accepts (on the examples, valid and invalid, the fuzzer's
/// files and mutations of the examples), and does vouch for the valid examples, so that validating them never needs
/// NJsonSchema.
/// </summary>
public class SchemaAcceptanceTests
{
    private const ulong Seed = 20261203;

    private const int FuzzCount = 1500;

    /// <summary>Values put in place of each node of an example: every YAML type, empty ones, and near misses of the formats.</summary>
    private static readonly string[] Replacements =
    [
        "~", "true", "false", "0", "1", "-1", "1000000001", "1.5", "100.5", "1e30", ".nan", ".inf", "\"\"", "\" \"", "x", "\"3\"",
        "US", "us", "ada@example.com", "ada@", "10.0.0.0/8", "10.0.0.0/33", "0f1c2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b",
        "{0f1c2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b}", "https://example.com", "example.com", "24h", "24", "allow", "mfa", "totp",
        "[]", "[x]", "[x, x]", "[totp, totp]", "{}", "{x: y}", "{email: ada@example.com}", "{everyone: true}",
        "{name: P, decision: allow, include: [{everyone: true}]}", "{use: Shared}",
    ];

    private static readonly Lazy<ImmutableArray<LocatedNode>> ReplacementNodes = new(() =>
        [.. Replacements.Select(yaml => YamlTreeReader.Read(new SourceFile("replacement.yaml", "value: " + yaml)).Root switch
        {
            LocatedMapping { Entries: [var entry] } => entry.Value,
            _ => throw new InvalidOperationException($"the replacement {yaml} does not read"),
        })]);

    [Test]
    public void Every_schema_of_the_published_document_is_read_for_the_quick_acceptance()
    {
        var definitions = QuickSchemaReader.ReadDefinitions(new MemoryStream(File.ReadAllBytes(RepositoryPaths.Schema)));

        definitions.Keys.ShouldBe(AccessSyncSchema.Root.Definitions.Keys, ignoreOrder: true);
        definitions.SelectMany(d => OpaqueParts(d.Value, d.Key)).ShouldBeEmpty("parts of the schema the quick acceptance cannot vouch for");
    }

    [Test]
    public void Every_valid_example_is_settled_by_the_quick_acceptance_alone()
    {
        var valid = ExampleCorpus.Files.Where(IsValidPolicyExample).ToList();
        valid.Count.ShouldBeGreaterThanOrEqualTo(10);

        foreach (var file in valid)
        {
            var (root, definition) = Tree(file) ?? throw new InvalidOperationException($"{file.Path} does not read");
            var check = SchemaValidator.Check(root, definition, file.Path);

            check.Diagnostics.ShouldBeEmpty(file.Path);
            check.SettledBy.ShouldBe(SchemaCheckPath.QuickAcceptance, file.Path);
        }
    }

    [Test]
    public void An_example_with_a_schema_error_is_settled_by_NJsonSchema_with_its_diagnostics()
    {
        var file = ExampleCorpus.Files.Single(f => f.Path == "apps/unknown-key.yaml");
        var (root, definition) = Tree(file)!.Value;

        var check = SchemaValidator.Check(root, definition, file.Path);

        check.SettledBy.ShouldBe(SchemaCheckPath.NJsonSchema);
        check.Diagnostics.ShouldNotBeEmpty();
        check.Diagnostics.ShouldBe(SchemaValidator.ValidateWithNJsonSchema(root, definition, file.Path));
    }

    [Test]
    public void No_example_is_accepted_quickly_that_NJsonSchema_refuses()
    {
        var trees = ExampleCorpus.Files.Select(f => (f.Path, Tree: Tree(f))).Where(t => t.Tree is not null).ToList();

        trees.Select(t => Disagreement(t.Tree!.Value.Root, t.Tree.Value.Definition, t.Path)).OfType<string>().ShouldBeEmpty();
        trees.Count(t => NJsonSchemaErrors(t.Tree!.Value.Root, t.Tree.Value.Definition).Count > 0).ShouldBeGreaterThan(10, "invalid examples reach the schema");
    }

    [Test]
    public void No_fuzzed_file_is_accepted_quickly_that_NJsonSchema_refuses()
    {
        var trees = FuzzCases.Any.Sample(FuzzCount, new Rnd(Seed), 50)
            .Select(c => (Case: c, Tree: Tree(c)))
            .Where(t => t.Tree is not null)
            .ToList();

        trees.Select(t => Disagreement(t.Tree!.Value.Root, t.Tree.Value.Definition, t.Case.ToString())).OfType<string>().ShouldBeEmpty();
        var accepted = trees.Count(t => SchemaAcceptance.Accepts(t.Tree!.Value.Root, t.Tree.Value.Definition));
        TestContext.Out.WriteLine($"{trees.Count} of {FuzzCount} fuzzed files read as YAML; the quick acceptance vouched for {accepted}");
        accepted.ShouldBeGreaterThan(trees.Count / 4, "the valid-but-odd files are meant to be vouched for");
    }

    [Test]
    public void No_mutation_of_an_example_is_accepted_quickly_that_NJsonSchema_refuses()
    {
        var random = new Random(20261203);
        var keys = ExampleCorpus.Files.Select(Tree).OfType<(LocatedNode Root, SchemaDefinition Definition)>().SelectMany(t => KeysIn(t.Root)).Distinct().Order(StringComparer.Ordinal).ToArray();
        var mutants = 0;
        var accepted = 0;
        var disagreements = new List<string>();
        foreach (var file in ExampleCorpus.Files.Where(IsValidPolicyExample))
        {
            var (root, definition) = Tree(file)!.Value;
            foreach (var (mutant, change) in Mutants(root, keys, random))
            {
                mutants++;
                if (SchemaAcceptance.Accepts(mutant, definition))
                {
                    accepted++;
                    if (NJsonSchemaErrors(mutant, definition) is { Count: > 0 } errors)
                    {
                        disagreements.Add($"{file.Path}, {change}: accepted quickly, but NJsonSchema says {errors.First().Kind} at {errors.First().Path}");
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"{mutants} mutants of the valid examples; the quick acceptance vouched for {accepted}");
        disagreements.ShouldBeEmpty();
        accepted.ShouldBeGreaterThan(100, "mutations that keep a file valid (a value swapped for a valid one) are meant to be vouched for");
    }

    [Test]
    public void The_quick_formats_accept_no_string_that_NJsonSchema_s_formats_refuse()
    {
        var strings = ExampleCorpus.Files.Select(Tree).OfType<(LocatedNode Root, SchemaDefinition Definition)>()
            .SelectMany(t => StringsIn(t.Root))
            .Concat(Replacements)
            .Concat(
            [
                "ada@example.com\n", "Ada.Lovelace+x@Example.COM", "ada@example", "ada..b@example.com", ".ada@example.com",
                "ada@-example.com", "ada@example-.com", "ada@exa_mple.com", "ada@\u212Axample.com", "\u0130da@example.com", "ada@@example.com",
                "0F1C2E3D-4B5A-4978-8A6B-5C4D3E2F1A0B", " 0f1c2e3d-4b5a-4978-8a6b-5c4d3e2f1a0b", "0f1c2e3d4b5a49788a6b5c4d3e2f1a0b",
                "0f1c2e3d-4b5a-4978-8a6b-5c4d3e2f1a0", "https://", "http://[::1]/", "file:///etc/passwd", "mailto:ada@example.com", "//example.com",
                "::ffff:10.0.0.1/128", "10.0.0.1 ", "010.0.0.1", "", " ",
            ])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var validators = new JsonSchemaValidatorSettings().FormatValidators.ToList();

        foreach (var format in new[] { "uuid", "email", "uri" })
        {
            var quick = QuickFormats.Find(format)!;
            var theirs = validators.Where(v => v.Format == format).ToList();
            theirs.ShouldNotBeEmpty(format);
            strings.Where(s => quick(s) && !theirs.Any(v => v.IsValid(s, Newtonsoft.Json.Linq.JTokenType.String)))
                .ShouldBeEmpty($"strings the quick {format} accepts and NJsonSchema refuses");
            strings.Count(s => quick(s)).ShouldBeGreaterThan(0, format);
        }
    }

    /// <summary>A file of examples/invalid/, which <see cref="ExampleCorpus"/> places under apps/ (where no valid example has its name).</summary>
    /// <summary>A valid example of the published schema's files: access tests have a schema of their own, which NJsonSchema checks.</summary>
    private static bool IsValidPolicyExample(FuzzCase file) =>
        !IsInvalidExample(file) && !FileKinds.InTestsFolder(file.Path);

    private static bool IsInvalidExample(FuzzCase file) =>
        file.Path.StartsWith("apps/", StringComparison.Ordinal)
        && !File.Exists(Path.Combine(RepositoryPaths.Examples, file.Path));

    /// <summary>The file's tree and the definition it is checked against, as the loader decides them; null when it does not get that far.</summary>
    private static (LocatedNode Root, SchemaDefinition Definition)? Tree(FuzzCase file)
    {
        var source = new SourceFile(file.Path, file.Text) { RelativePath = file.Path };
        var root = YamlTreeReader.Read(source).Root;
        if (root is null)
        {
            return null;
        }

        if (file.Path == RootConfig.FileName)
        {
            return (root, SchemaDefinition.ConfigFile);
        }

        return FileKinds.Of(source, root).Kind switch
        {
            FileKind.Application => (root, SchemaDefinition.ApplicationFile),
            FileKind.ReusablePolicy => (root, SchemaDefinition.ReusablePolicyFile),
            _ => null,
        };
    }

    private static ICollection<ValidationError> NJsonSchemaErrors(LocatedNode root, SchemaDefinition definition) =>
        AccessSyncSchema.For(definition).Validate(LocatedJToken.From(root), AccessSyncSchema.ValidatorSettings);

    private static string? Disagreement(LocatedNode root, SchemaDefinition definition, string label) =>
        SchemaAcceptance.Accepts(root, definition) && NJsonSchemaErrors(root, definition) is { Count: > 0 } errors
            ? $"{label}: accepted quickly, but NJsonSchema says {errors.First().Kind} at {errors.First().Path}"
            : null;

    private static IEnumerable<string> OpaqueParts(QuickSchema schema, string where)
    {
        if (schema.IsOpaque)
        {
            return [where];
        }

        return schema.AnyOf.SelectMany((s, i) => OpaqueParts(s, $"{where}.anyOf[{i}]"))
            .Concat(schema.Properties.SelectMany(p => OpaqueParts(p.Value, $"{where}.{p.Key}")))
            .Concat(schema.Items is { } items ? OpaqueParts(items, $"{where}[]") : []);
    }

    /// <summary>
    /// Trees that differ from <paramref name="node"/> in one place: a node replaced (by each of <see cref="Replacements"/>
    /// and by another node of the same tree), a key renamed to another key of the examples, an entry removed or copied from another mapping,
    /// a list item removed or repeated. Each comes with what was changed.
    /// </summary>
    private static IEnumerable<(LocatedNode Mutant, string Change)> Mutants(LocatedNode node, string[] keys, Random random, string at = "")
    {
        var donors = NodesIn(node).ToList();
        foreach (var replacement in ReplacementNodes.Value.Concat(Enumerable.Range(0, 4).Select(_ => donors[random.Next(donors.Count)])))
        {
            yield return (replacement, $"{at} replaced by {Describe(replacement)}");
        }

        switch (node)
        {
            case LocatedMapping mapping:
                for (var i = 0; i < mapping.Entries.Length; i++)
                {
                    var entry = mapping.Entries[i];
                    var index = i;
                    yield return (mapping with { Entries = mapping.Entries.RemoveAt(i) }, $"{at}.{entry.Key} removed");
                    foreach (var key in Enumerable.Range(0, 3).Select(_ => keys[random.Next(keys.Length)]).Where(k => mapping.Entry(k) is null))
                    {
                        yield return (mapping with { Entries = mapping.Entries.SetItem(i, entry with { Key = key }) }, $"{at}.{entry.Key} renamed {key}");
                    }

                    foreach (var (child, change) in Mutants(entry.Value, keys, random, $"{at}.{entry.Key}"))
                    {
                        yield return (mapping with { Entries = mapping.Entries.SetItem(index, entry with { Value = child }) }, change);
                    }
                }

                // An entry of another mapping of the tree: a second rule kind in a rule, a second name for the app.
                var entries = donors.OfType<LocatedMapping>().SelectMany(m => m.Entries).ToList();
                foreach (var added in Enumerable.Range(0, 3).Select(_ => entries[random.Next(entries.Count)]).Where(e => mapping.Entry(e.Key) is null))
                {
                    yield return (mapping with { Entries = mapping.Entries.Add(added) }, $"{at}.{added.Key} added");
                }

                break;
            case LocatedSequence sequence:
                for (var i = 0; i < sequence.Items.Length; i++)
                {
                    var index = i;
                    yield return (sequence with { Items = sequence.Items.RemoveAt(i) }, $"{at}[{i}] removed");
                    yield return (sequence with { Items = sequence.Items.Insert(i, sequence.Items[i]) }, $"{at}[{i}] repeated");
                    foreach (var (child, change) in Mutants(sequence.Items[i], keys, random, $"{at}[{i}]"))
                    {
                        yield return (sequence with { Items = sequence.Items.SetItem(index, child) }, change);
                    }
                }

                break;
        }
    }

    private static IEnumerable<LocatedNode> NodesIn(LocatedNode node) => node switch
    {
        LocatedMapping mapping => mapping.Entries.SelectMany(e => NodesIn(e.Value)).Prepend(node),
        LocatedSequence sequence => sequence.Items.SelectMany(NodesIn).Prepend(node),
        _ => [node],
    };

    private static IEnumerable<string> KeysIn(LocatedNode node) =>
        NodesIn(node).OfType<LocatedMapping>().SelectMany(m => m.Entries.Select(e => e.Key));

    private static IEnumerable<string> StringsIn(LocatedNode node) =>
        NodesIn(node).OfType<LocatedScalar>().Select(s => s.Value).OfType<string>();

    private static string Describe(LocatedNode node) => node switch
    {
        LocatedScalar scalar => $"`{scalar.Value ?? "null"}`",
        LocatedMapping mapping => $"{{{string.Join(", ", mapping.Entries.Select(e => e.Key))}}}",
        LocatedSequence sequence => $"a list of {sequence.Items.Length}",
        _ => "?",
    };
}
