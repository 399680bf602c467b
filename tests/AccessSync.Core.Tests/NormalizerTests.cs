using AccessSync.Core.Normalization;

namespace AccessSync.Core.Tests;

/// <summary>The normalisation contract: values the API treats as equal are equal here, and no others.</summary>
public class NormalizerTests
{
    [TestCase("24h", "1440m")]
    [TestCase("24h", "24h0m0s")]
    [TestCase("90m", "1h30m")]
    [TestCase("1.5h", "1h30m")]
    [TestCase("3600s", "1h")]
    [TestCase("1500ms", "1.5s")]
    [TestCase("0", "0s")]
    public void Durations_compare_by_value(string a, string b)
    {
        Same("session_duration", $"\"{a}\"", $"\"{b}\"");
        Same("mfa_config.session_duration", $"\"{a}\"", $"\"{b}\"");
    }

    [Test]
    public void Different_durations_differ()
    {
        Differ("session_duration", "\"24h\"", "\"23h\"");
    }

    [TestCase("24h", "24h")]
    [TestCase("1440m", "24h")]
    [TestCase("90s", "1m30s")]
    [TestCase("1500ms", "1500ms")]
    [TestCase("2h45m", "2h45m")]
    public void Durations_print_in_their_shortest_exact_form(string text, string canonical)
    {
        GoDuration.Canonical(text).ShouldBe(canonical);
    }

    [Test]
    public void Rule_lists_compare_as_sets_ignoring_order_and_duplicates()
    {
        Same(
            "include",
            """[{"email":{"email":"a@example.com"}},{"geo":{"country_code":"US"}}]""",
            """[{"geo":{"country_code":"US"}},{"email":{"email":"a@example.com"}},{"geo":{"country_code":"US"}}]""");
    }

    [Test]
    public void Emails_and_domains_compare_without_regard_to_case()
    {
        Same("include", """[{"email":{"email":"Ada@Example.COM"}}]""", """[{"email":{"email":"ada@example.com"}}]""");
        Same("include", """[{"email_domain":{"domain":"Example.com"}}]""", """[{"email_domain":{"domain":"example.com"}}]""");
        Same("include", """[{"gsuite":{"email":"Admins@Example.com","identity_provider_id":"x"}}]""", """[{"gsuite":{"identity_provider_id":"x","email":"admins@example.com"}}]""");
    }

    [Test]
    public void Names_and_other_rule_values_keep_their_case()
    {
        Differ("include", """[{"okta":{"name":"Staff","identity_provider_id":"x"}}]""", """[{"okta":{"name":"staff","identity_provider_id":"x"}}]""");
        Differ("name", "\"Allow devs\"", "\"allow devs\"");
    }

    [Test]
    public void An_ip_without_a_prefix_is_a_single_address()
    {
        Same("include", """[{"ip":{"ip":"192.0.2.1"}}]""", """[{"ip":{"ip":"192.0.2.1/32"}}]""");
        Same("include", """[{"ip":{"ip":"2001:0db8::0001"}}]""", """[{"ip":{"ip":"2001:db8::1/128"}}]""");
        Differ("include", """[{"ip":{"ip":"192.0.2.0/24"}}]""", """[{"ip":{"ip":"192.0.2.0/25"}}]""");
    }

    [Test]
    public void Country_codes_and_uuids_compare_case_blind()
    {
        Same("include", """[{"geo":{"country_code":"us"}}]""", """[{"geo":{"country_code":"US"}}]""");
        Same("include", """[{"group":{"id":"AA0A4AAB-672B-4BDB-BC33-A59F1130A11F"}}]""", """[{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}}]""");
    }

    [Test]
    public void Risk_levels_are_a_set()
    {
        Same("include", """[{"user_risk_score":{"user_risk_score":["high","low"]}}]""", """[{"user_risk_score":{"user_risk_score":["low","high","low"]}}]""");
    }

    [Test]
    public void An_absent_rule_list_is_an_empty_one()
    {
        Same("exclude", null, "[]");
        Same("require", "null", "[]");
        Differ("require", null, """[{"geo":{"country_code":"US"}}]""");
    }

    [TestCase("approval_required")]
    [TestCase("isolation_required")]
    [TestCase("purpose_justification_required")]
    [TestCase("mfa_config.mfa_disabled")]
    [TestCase("connection_rules.ssh.allow_email_alias")]
    public void An_absent_flag_is_false(string path)
    {
        Same(path, null, "false");
        Same(path, "null", "false");
        Differ(path, null, "true");
    }

    [Test]
    public void An_absent_prompt_is_an_empty_one()
    {
        Same("purpose_justification_prompt", null, "\"\"");
        Differ("purpose_justification_prompt", null, "\"Why?\"");
    }

    [TestCase("mfa_config.allowed_authenticators")]
    [TestCase("connection_rules.rdp.allowed_clipboard_local_to_remote_formats")]
    [TestCase("connection_rules.ssh.usernames")]
    public void Lists_of_options_are_sets_and_absent_is_empty(string path)
    {
        Same(path, """["b","a"]""", """["a","b","a"]""");
        Same(path, null, "[]");
    }

    [Test]
    public void Approval_groups_compare_as_a_set_with_case_blind_addresses()
    {
        Same(
            "approval_groups",
            """[{"approvals_needed":1,"email_addresses":["B@example.com","a@example.com"]},{"approvals_needed":2,"email_list_uuid":"597147A1-976B-4EF2-9AF0-81D5D007FC34"}]""",
            """[{"approvals_needed":2,"email_list_uuid":"597147a1-976b-4ef2-9af0-81d5d007fc34","email_addresses":[]},{"email_addresses":["a@example.com","b@example.com"],"approvals_needed":1}]""");
        Same("approval_groups", null, "[]");
        Differ("approval_groups", """[{"approvals_needed":1}]""", """[{"approvals_needed":2}]""");
    }

    [Test]
    public void An_absent_duration_differs_from_any_duration()
    {
        Differ("session_duration", null, "\"24h\"");
        Same("session_duration", null, "\"\"");
    }

    private static void Same(string path, string? a, string? b) =>
        Normalizer.Canonical(path, a).ShouldBe(Normalizer.Canonical(path, b), $"{path}: {a ?? "absent"} and {b ?? "absent"} should be equal");

    private static void Differ(string path, string? a, string? b) =>
        Normalizer.Canonical(path, a).ShouldNotBe(Normalizer.Canonical(path, b), $"{path}: {a ?? "absent"} and {b ?? "absent"} should differ");
}
