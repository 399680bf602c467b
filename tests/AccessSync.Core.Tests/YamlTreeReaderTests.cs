using AccessSync.Core.Diagnostics;
using AccessSync.Core.Sources;
using AccessSync.Core.Yaml;
using Newtonsoft.Json.Linq;

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
        var root = (JObject)Read("no: NO\nyes: yes\nint: 42\nhex: 0x1F\nfloat: 1.5\nbool: true\nnull1: ~\nnull2:\nquoted: \"42\"\n").Root!;

        root["no"]!.Type.ShouldBe(JTokenType.String);
        ((string)root["no"]!).ShouldBe("NO");
        ((string)root["yes"]!).ShouldBe("yes");
        ((long)root["int"]!).ShouldBe(42);
        ((long)root["hex"]!).ShouldBe(31);
        ((double)root["float"]!).ShouldBe(1.5);
        ((bool)root["bool"]!).ShouldBeTrue();
        root["null1"]!.Type.ShouldBe(JTokenType.Null);
        root["null2"]!.Type.ShouldBe(JTokenType.Null);
        root["quoted"]!.Type.ShouldBe(JTokenType.String);
    }

    [Test]
    public void Every_node_knows_its_line_and_column()
    {
        var root = (JObject)Read("app:\n  name: Grafana\npolicies:\n  - name: A\n").Root!;

        LocatedJson.SpanOf(root["app"]!["name"]!, "f.yaml").ShouldBe(new SourceSpan("f.yaml", 2, 9));
        LocatedJson.SpanOf(root["policies"]![0]!["name"]!, "f.yaml").ShouldBe(new SourceSpan("f.yaml", 4, 11));
        LocatedJson.KeySpanOf(root.Property("policies")!, "f.yaml").ShouldBe(new SourceSpan("f.yaml", 3, 1));
    }

    [Test]
    public void An_alias_is_a_copy_of_its_anchored_node_located_where_the_anchor_was_written()
    {
        var root = (JObject)Read("offices: &offices\n  - ip: 192.0.2.0/24\nagain: *offices\n").Root!;

        root["again"]!.ToString().ShouldBe(root["offices"]!.ToString());
        LocatedJson.SpanOf(root["again"]![0]!["ip"]!, "f.yaml").Line.ShouldBe(2);
    }

    [Test]
    public void A_merge_key_fills_in_only_what_the_mapping_does_not_set()
    {
        var root = (JObject)Read("base: &base {decision: allow, session_duration: 8h}\npolicy:\n  <<: *base\n  session_duration: 1h\n").Root!;

        ((string)root["policy"]!["decision"]!).ShouldBe("allow");
        ((string)root["policy"]!["session_duration"]!).ShouldBe("1h");
    }

    [Test]
    public void An_unknown_alias_is_a_located_error()
    {
        var d = Single("a: *nowhere\n");

        d.Code.ShouldBe(DiagnosticCodes.YamlSyntax);
        d.Message.ShouldContain("*nowhere");
    }
}
