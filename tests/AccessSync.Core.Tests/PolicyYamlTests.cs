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
    [Test]
    public void A_rule_too_long_for_its_line_is_in_block_style_with_its_name_on_its_first_line()
    {
        var longName = "Developers of the payments platform, the ledger and the settlement services";
        var names = Names.SetItem(Some.DevelopersId, longName);
        var fields = new Dictionary<string, string>
        {
            ["name"] = "\"Allow devs\"",
            ["include"] = $$$"""[{"group":{"id":"{{{Some.DevelopersId}}}"}},{"email":{"email":"ada@example.com"}}]""",
        };

        var yaml = PolicyYaml.Render(fields, names, width: 96);

        yaml.ShouldBe(
            $$"""
            name: Allow devs
            include:
            - group: # {{longName}}
                id: {{Some.DevelopersId}}
            - email: {email: ada@example.com}

            """);
        PolicyYaml.Render(fields, names).ShouldContain($"- group: {{id: {Some.DevelopersId}}} # {longName}\n", customMessage: "without a width, every rule is one line");
    }

    [Test]
    public void A_list_or_mapping_too_long_for_its_line_is_in_block_style_and_a_long_value_stays_whole()
    {
        var address = "someone-with-a-very-long-address-for-the-finance-approvals@accounts-payable.example.com";
        var users = string.Join(",", Enumerable.Range(1, 12).Select(i => $"\"operator{i:D2}\""));
        var fields = new Dictionary<string, string>
        {
            ["name"] = "\"Finance\"",
            ["include"] = $$$"""[{"email":{"email":"{{{address}}}"}}]""",
            ["approval_groups"] = $$$"""[{"approvals_needed":1,"email_addresses":["cfo@example.com","controller@example.com"],"email_list_uuid":null}]""",
            ["connection_rules.ssh.usernames"] = $"[{users}]",
        };

        var yaml = PolicyYaml.Render(fields, Names, width: 96);

        yaml.ShouldBe(
            $$"""
            name: Finance
            include:
            - email:
                email: {{address}}
            approval_groups:
            - approvals_needed: 1
              email_addresses: [cfo@example.com, controller@example.com]
              email_list_uuid: null
            connection_rules:
              ssh:
                usernames:
                - operator01
                - operator02
                - operator03
                - operator04
                - operator05
                - operator06
                - operator07
                - operator08
                - operator09
                - operator10
                - operator11
                - operator12

            """);
        yaml.Split('\n').Where(l => l.Length > 96).ShouldBe([$"    email: {address}"], "only the value no break can shorten");
    }

    [Test]
    public void An_item_too_long_for_its_line_is_in_lines_of_block_style_without_its_dash()
    {
        var address = "someone-with-a-very-long-address-for-the-finance-approvals@accounts.example.com";
        var item = JsonNode.Parse($$$"""{"email":{"email":"{{{address}}}"}}""");

        RuleText.Lines(item, Names, 94).ShouldBe(["email:", $"  email: {address}"]);
        RuleText.Lines(item, Names, 200).ShouldBe([$"email: {{email: {address}}}"]);
    }
}
