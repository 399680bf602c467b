using System.Collections.Immutable;
using System.Text.Json.Nodes;
using AccessSync.Core.Rendering;
using AccessSync.Core.Tests.Support;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Tests;

public class PolicyYamlTests
{
    private static readonly ImmutableSortedDictionary<string, string> Names =
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(Some.DevelopersId, "Developers"), KeyValuePair.Create(Some.OktaId, "Okta")]);

    [Test]
    public void Fields_are_shown_in_display_order_with_nested_keys_and_one_rule_a_line_named()
    {
        var fields = new Dictionary<string, string>
        {
            ["session_duration"] = "\"8h\"",
            ["mfa_config.session_duration"] = "\"1h\"",
            ["include"] = $$$"""[{"email":{"email":"ada@example.com"}},{"group":{"id":"{{{Some.DevelopersId}}}"}}]""",
            ["name"] = "\"Allow devs\"",
            ["decision"] = "\"allow\"",
            ["mfa_config.allowed_authenticators"] = """["biometrics","totp"]""",
            ["require"] = $$$"""[{"login_method":{"id":"{{{Some.OktaId}}}"}}]""",
            ["connection_rules.ssh.usernames"] = """["root"]""",
            ["approval_required"] = "true",
        };

        PolicyYaml.Render(fields, Names).ShouldBe(
            $$"""
            name: Allow devs
            decision: allow
            include:
            - email: {email: ada@example.com}
            - group: {id: {{Some.DevelopersId}}} # Developers
            require:
            - login_method: {id: {{Some.OktaId}}} # Okta
            session_duration: 8h
            approval_required: true
            mfa_config:
              allowed_authenticators: [biometrics, totp]
              session_duration: 1h
            connection_rules:
              ssh:
                usernames: [root]

            """);
    }

    [TestCase("\"true\"", "\"true\"")]
    [TestCase("\"42\"", "\"42\"")]
    [TestCase("\"\"", "\"\"")]
    [TestCase("\"a: b\"", "'a: b'")]
    [TestCase("\"two\\nlines\"", "\"two\\nlines\"")]
    [TestCase("\"clear\\u001b[2J\"", "\"clear\\e[2J\"")]
    [TestCase("\"line\\u2028separator\"", "\"line\\Lseparator\"")]
    [TestCase("\"plain text\"", "plain text")]
    [TestCase("false", "false")]
    [TestCase("null", "null")]
    [TestCase("[]", "[]")]
    public void Strings_that_would_read_back_as_something_else_are_quoted(string json, string yaml)
    {
        PolicyYaml.Inline(json).ShouldBe(yaml);
    }

    [Test]
    public void Absent_values_are_not_shown()
    {
        PolicyYaml.Render(new Dictionary<string, string> { ["name"] = "\"P\"", ["session_duration"] = "null" }, Names).ShouldBe("name: P\n");
        PolicyYaml.Render(new Dictionary<string, string>(), Names).ShouldBeEmpty();
    }

    [Test]
    public void An_item_is_one_line_with_the_names_of_its_ids()
    {
        RuleText.Of(JsonNode.Parse($$$"""{"group":{"id":"{{{Some.DevelopersId}}}"}}"""), Names).ShouldBe($"group: {{id: {Some.DevelopersId}}} # Developers");
        RuleText.Of(JsonNode.Parse("""{"everyone":{}}"""), Names).ShouldBe("everyone: {}");
        RuleText.Of(JsonValue.Create("totp"), Names).ShouldBe("totp");
    }
}
