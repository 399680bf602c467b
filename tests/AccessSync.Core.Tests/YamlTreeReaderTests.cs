using AccessSync.Core.Diagnostics;
using AccessSync.Core.Schema;
using AccessSync.Core.Sources;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Tests;

public class YamlTreeReaderTests
{
    private static YamlReadResult Read(string yaml) => YamlTreeReader.Read(new SourceFile("f.yaml", yaml));

    private static Diagnostic Single(string yaml)
    {
        var result = Read(yaml);
        result.Root.ShouldBeNull();
        result.Diagnostics.Length.ShouldBe(1, string.Join("\n", result.Diagnostics));
        return result.Diagnostics[0];
    }

    [Test]
    public void A_syntax_error_is_reported_at_its_place_without_the_parser_s_own_position_prefix()
    {
        var d = Single("app:\n  name: [Grafana, Loki\npolicies: []\n");

        d.Code.ShouldBe(DiagnosticCodes.YamlSyntax);
        d.Span.Path.ShouldBe("f.yaml");
        d.Span.Line.ShouldBeInRange(2, 3);
        d.Message.ShouldStartWith("YAML syntax: ");
        d.Message.ShouldNotContain("Idx:");
    }

    [Test]
    public void A_duplicate_key_is_reported_at_the_second_one_and_names_the_line_of_the_first()
    {
        var d = Single("app:\n  name: A\npolicies: []\napp:\n  name: B\n");

        d.Code.ShouldBe(DiagnosticCodes.DuplicateKey);
        d.Span.ShouldBe(new SourceSpan("f.yaml", 4, 1));
        d.Message.ShouldBe("duplicate key `app`; it is already set at line 1");
    }

    [Test]
    public void A_tab_in_indentation_is_reported_at_the_tab()
    {
        var d = Single("app:\n\tname: A\n");

        d.Code.ShouldBe(DiagnosticCodes.TabIndentation);
        d.Span.ShouldBe(new SourceSpan("f.yaml", 2, 1));
    }

    [Test]
    public void A_tab_inside_a_value_is_not_indentation()
    {
        Read("app: {name: \"a\tb\"}\n").Diagnostics.ShouldBeEmpty();
    }

    [TestCase("")]
    [TestCase("# only a comment\n")]
    [TestCase("---\n")]
    public void An_empty_file_is_an_error_at_its_start(string yaml)
    {
        var d = Single(yaml);

        d.Code.ShouldBe(DiagnosticCodes.EmptyFile);
        d.Span.Line.ShouldBe(1);
    }

    [TestCase("apps/wiki.yaml", "an application file needs `app` and `policies`")]
    [TestCase("reusable/allow-sre.yaml", "a reusable policy file needs `policy`")]
    public void An_empty_file_is_told_what_its_kind_of_file_needs(string relativePath, string needs)
    {
        var result = YamlTreeReader.Read(new SourceFile(relativePath, string.Empty) { RelativePath = relativePath });

        result.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("the file is empty; " + needs);
    }

    [Test]
    public void A_second_document_is_an_error()
    {
        Single("a: 1\n---\nb: 2\n").Code.ShouldBe(DiagnosticCodes.MultipleDocuments);
    }

    [Test]
    public void Plain_scalars_take_yaml_1_2_core_types_so_country_codes_stay_strings()
    {
        var root = (LocatedMapping)Read("no: NO\nyes: yes\nint: 42\nhex: 0x1F\nfloat: 1.5\nbool: true\nnull1: ~\nnull2:\nquoted: \"42\"\n").Root!;

        Scalar(root["no"]).ShouldSatisfyAllConditions(s => s.Type.ShouldBe(ScalarType.String), s => s.Value.ShouldBe("NO"));
        Scalar(root["yes"]).Value.ShouldBe("yes");
        Scalar(root["int"]).ShouldSatisfyAllConditions(s => s.Type.ShouldBe(ScalarType.Integer), s => s.Value.ShouldBe(42L));
        Scalar(root["hex"]).Value.ShouldBe(31L);
        Scalar(root["float"]).ShouldSatisfyAllConditions(s => s.Type.ShouldBe(ScalarType.Float), s => s.Value.ShouldBe(1.5));
        Scalar(root["bool"]).ShouldSatisfyAllConditions(s => s.Type.ShouldBe(ScalarType.Boolean), s => s.Value.ShouldBe(true));
        Scalar(root["null1"]).Type.ShouldBe(ScalarType.Null);
        Scalar(root["null2"]).Type.ShouldBe(ScalarType.Null);
        Scalar(root["quoted"]).ShouldSatisfyAllConditions(s => s.Type.ShouldBe(ScalarType.String), s => s.Value.ShouldBe("42"));
    }

    [TestCase("-7", ScalarType.Integer, -7L)]
    [TestCase("+3", ScalarType.Integer, 3L)]
    [TestCase("0o17", ScalarType.Integer, 15L)]
    [TestCase(".5", ScalarType.Float, 0.5)]
    [TestCase("1e3", ScalarType.Float, 1000.0)]
    [TestCase("-.inf", ScalarType.Float, double.NegativeInfinity)]
    [TestCase("+.inf", ScalarType.Float, double.PositiveInfinity)]
    [TestCase(".nan", ScalarType.Float, double.NaN)]
    [TestCase("e3", ScalarType.String, "e3")]
    [TestCase("x10", ScalarType.String, "x10")]
    [TestCase("1.2.3", ScalarType.String, "1.2.3")]
    [TestCase("-x", ScalarType.String, "-x")]
    public void A_plain_scalar_that_looks_like_a_number_is_one_and_only_then(string written, ScalarType type, object? value)
    {
        var scalar = Scalar(((LocatedMapping)Read($"k: {written}\n").Root!)["k"]);

        scalar.Type.ShouldBe(type);
        scalar.Value.ShouldBe(value);
    }

    [TestCase("!!int \"7\"", ScalarType.Integer, 7L)]
    [TestCase("!!float 3", ScalarType.Float, 3.0)]
    [TestCase("!!bool True", ScalarType.Boolean, true)]
    [TestCase("!!str 42", ScalarType.String, "42")]
    [TestCase("!!null x", ScalarType.Null, null)]
    [TestCase("!!int x", ScalarType.String, "x")]
    [TestCase("!custom 42", ScalarType.String, "42")]
    [TestCase("|\n  42\n", ScalarType.String, "42\n")]
    public void A_tag_or_a_quoted_or_block_style_decides_a_scalar_s_type(string written, ScalarType type, object? value)
    {
        var scalar = Scalar(((LocatedMapping)Read("v: " + written + "\n").Root!)["v"]);

        scalar.Type.ShouldBe(type);
        scalar.Value.ShouldBe(value);
    }

    [Test]
    public void A_key_is_the_text_of_its_value_as_yaml_reads_it()
    {
        var root = (LocatedMapping)Read("true: a\n0x10: b\n\"0x10\": c\n").Root!;

        root.Entries.Select(e => e.Key).ShouldBe(["True", "16", "0x10"]);
    }

    [TestCase("? [a, b]\n: 1\n", 1, 3)]
    [TestCase("~: 1\n", 1, 1)]
    [TestCase("k: &m {a: 1}\n*m : 2\n", 2, 1)]
    public void A_key_that_is_not_a_scalar_or_is_null_is_an_error_at_the_key(string yaml, int line, int column)
    {
        var d = Single(yaml);

        d.Code.ShouldBe(DiagnosticCodes.NonScalarKey);
        d.Span.ShouldBe(new SourceSpan("f.yaml", line, column));
    }

    [Test]
    public void A_key_written_as_an_alias_of_a_scalar_is_that_scalar_s_text_located_at_the_alias()
    {
        var root = (LocatedMapping)Read("k: &a app\n*a : 1\n").Root!;

        root.Entry("app")!.KeySpan.ShouldBe(new SourceSpan("f.yaml", 2, 1));
    }

    [Test]
    public void Every_node_knows_its_line_and_column()
    {
        var root = (LocatedMapping)Read("app:\n  name: Grafana\npolicies:\n  - name: A\n").Root!;

        ((LocatedMapping)root["app"]!)["name"]!.Span.ShouldBe(new SourceSpan("f.yaml", 2, 9));
        ((LocatedMapping)((LocatedSequence)root["policies"]!).Items[0])["name"]!.Span.ShouldBe(new SourceSpan("f.yaml", 4, 11));
        root.Entry("policies")!.KeySpan.ShouldBe(new SourceSpan("f.yaml", 3, 1));
        root["policies"]!.Span.ShouldBe(new SourceSpan("f.yaml", 4, 3));
    }

    [Test]
    public void An_alias_is_its_anchored_node_located_where_the_anchor_was_written()
    {
        var root = (LocatedMapping)Read("offices: &offices\n  - ip: 192.0.2.0/24\nagain: *offices\n").Root!;

        root["again"].ShouldBeSameAs(root["offices"]);
        ((LocatedMapping)((LocatedSequence)root["again"]!).Items[0])["ip"]!.Span.Line.ShouldBe(2);
    }

    [Test]
    public void A_merge_key_fills_in_only_what_the_mapping_does_not_set()
    {
        var root = (LocatedMapping)Read("base: &base {decision: allow, session_duration: 8h}\npolicy:\n  <<: *base\n  session_duration: 1h\n").Root!;
        var policy = (LocatedMapping)root["policy"]!;

        policy.Entries.Select(e => e.Key).ShouldBe(["session_duration", "decision"]);
        Scalar(policy["decision"]).Value.ShouldBe("allow");
        Scalar(policy["session_duration"]).Value.ShouldBe("1h");
    }

    [Test]
    public void Merge_keys_take_a_list_of_mappings_the_earlier_winning()
    {
        var root = (LocatedMapping)Read("a: &a {x: 1}\nb: &b {x: 2, y: 3}\nm:\n  <<: [*a, *b]\n").Root!;
        var merged = (LocatedMapping)root["m"]!;

        Scalar(merged["x"]).Value.ShouldBe(1L);
        Scalar(merged["y"]).Value.ShouldBe(3L);
    }

    [Test]
    public void A_merge_key_of_something_other_than_mappings_is_an_error_at_the_key()
    {
        var d = Single("a: &a [1]\nm:\n  <<: *a\n");

        d.Code.ShouldBe(DiagnosticCodes.YamlSyntax);
        d.Span.ShouldBe(new SourceSpan("f.yaml", 3, 3));
    }

    [Test]
    public void A_quoted_merge_key_is_an_ordinary_key()
    {
        var root = (LocatedMapping)Read("m: {\"<<\": 1}\n").Root!;

        ((LocatedMapping)root["m"]!).Entry("<<").ShouldNotBeNull();
    }

    [Test]
    public void A_duplicate_among_many_keys_is_found()
    {
        var keys = Enumerable.Range(1, 20).Select(i => $"k{i}: {i}\n");
        var d = Single(string.Concat(keys) + "k3: again\n");

        d.Code.ShouldBe(DiagnosticCodes.DuplicateKey);
        d.Span.ShouldBe(new SourceSpan("f.yaml", 21, 1));
        d.Message.ShouldBe("duplicate key `k3`; it is already set at line 3");
    }

    [Test]
    public void Text_that_ends_inside_an_open_bracket_is_an_error_at_the_last_node_read()
    {
        var d = Single("app: {name: [a, b\npolicies: []\n");

        d.Code.ShouldBe(DiagnosticCodes.YamlSyntax);
        d.Span.ShouldBe(new SourceSpan("f.yaml", 1, 13));
        d.Message.ShouldBe("YAML syntax: cannot read past this point; look for a bracket ([ or {) or quote that is never closed");
    }

    [Test]
    public void A_file_read_after_one_that_failed_deep_inside_is_read_as_if_it_were_the_first()
    {
        // The reader keeps its working lists for the thread's next file: a file that fails with collections still
        // open must leave nothing behind in them.
        const string yaml = "app:\n  name: Grafana\npolicies:\n  - name: A\n    include: [{email: a@example.com}]\n";
        var first = Read(yaml).Root.ShouldBeOfType<LocatedMapping>();

        Read("a:\n  b:\n    - {c: [d, e\n").Root.ShouldBeNull();
        Read("x: [1, 2]\ny: *nowhere\n").Root.ShouldBeNull();
        var again = Read(yaml).Root.ShouldBeOfType<LocatedMapping>();

        LocatedJToken.From(again).ToString().ShouldBe(LocatedJToken.From(first).ToString());
        again.Entries.Select(e => e.KeySpan).ShouldBe(first.Entries.Select(e => e.KeySpan));
        ((LocatedMapping)((LocatedSequence)again["policies"]!).Items[0])["include"]!.Span.ShouldBe(new SourceSpan("f.yaml", 5, 14));
    }

    [Test]
    public void An_unknown_alias_is_a_located_error()
    {
        var d = Single("a: *nowhere\n");

        d.Code.ShouldBe(DiagnosticCodes.YamlSyntax);
        d.Message.ShouldContain("*nowhere");
    }

    private static LocatedScalar Scalar(LocatedNode? node) => node.ShouldBeOfType<LocatedScalar>();
}
