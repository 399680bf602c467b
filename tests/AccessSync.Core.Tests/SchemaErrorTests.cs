using AccessSync.Core.Diagnostics;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

/// <summary>Each class of schema error, asserted by rule id, line, column and message.</summary>
public class SchemaErrorTests
{
    private static void ShouldReport(string yaml, string code, int line, int column, string message) =>
        Load.SingleDiagnostic(yaml).ShouldBeError(code, new SourceSpan(Load.Path, line, column), message);

    private static void ShouldReportInReusable(string yaml, string code, int line, int column, string message) =>
        Load.Reusable(yaml).Diagnostics.ShouldHaveSingleItem().ShouldBeError(code, new SourceSpan(Load.ReusablePath, line, column), message);

    [Test]
    public void An_unknown_key_within_two_edits_suggests_the_known_one() => ShouldReport(
        Load.WithPolicy("decision: allow\ninclude: [{everyone: true}]\nrequire: [{geo: US}]\nsesion_duration: 24h"),
        DiagnosticCodes.UnknownKey, 8, 5,
        "unknown key `sesion_duration`; did you mean `session_duration`?");

    [Test]
    public void A_wrong_value_reached_through_an_alias_is_reported_where_it_was_written() => ShouldReport(
        "app:\n  name: A\npolicies:\n  - name: P\n    decision: deny\n    include: [{everyone: true}]\n    precedence: &three 3\n  - name: *three\n    decision: deny\n    include: [{everyone: true}]\n",
        DiagnosticCodes.WrongType, 7, 17,
        "`name` must be a string, not the number 3");

    [Test]
    public void An_unknown_key_merged_in_is_reported_at_the_key_where_it_was_written() => ShouldReport(
        "app:\n  name: A\npolicies:\n  - name: P\n    decision: deny\n    include: [{everyone: true}]\n    mfa_config: &mfa {mfa_disabled: true}\n  - <<: *mfa\n    name: Q\n    decision: deny\n    include: [{everyone: true}]\n",
        DiagnosticCodes.UnknownKey, 7, 23,
        "unknown key `mfa_disabled`; expected one of: name, id, decision, include, exclude, require, precedence, session_duration, approval_required, approval_groups, isolation_required, purpose_justification_required, purpose_justification_prompt, mfa_config, connection_rules");

    [Test]
    public void An_unknown_key_far_from_any_known_one_lists_the_known_keys() => ShouldReport(
        "app:\n  name: A\npolicies: []\ncolour: blue\n",
        DiagnosticCodes.UnknownKey, 4, 1,
        "unknown key `colour`; expected one of: app, account_id, zone_id, prune, policies");

    [Test]
    public void An_unknown_rule_kind_suggests_the_nearest_kind() => ShouldReport(
        Load.WithPolicy("decision: deny\ninclude:\n  - eamil: ada@example.com"),
        DiagnosticCodes.UnknownKey, 7, 9,
        "unknown rule kind `eamil`; did you mean `email`?");

    [Test]
    public void A_missing_required_key_is_reported_at_its_mapping() => ShouldReport(
        Load.WithPolicy("include: [{everyone: true}]"),
        DiagnosticCodes.MissingKey, 4, 5,
        "missing required key `decision`");

    [Test]
    public void A_wrong_type_names_what_was_expected_and_what_was_written() => ShouldReport(
        Load.WithPolicy("decision: deny\ninclude: [{everyone: true}]\nprecedence: first"),
        DiagnosticCodes.WrongType, 7, 17,
        "`precedence` must be a whole number, not the string \"first\"");

    [Test]
    public void A_rule_list_written_as_a_single_value_is_a_wrong_type() => ShouldReport(
        Load.WithPolicy("decision: deny\ninclude: everyone"),
        DiagnosticCodes.WrongType, 6, 14,
        "`include` must be a list, not the string \"everyone\"");

    [Test]
    public void A_bad_decision_lists_the_decisions_and_suggests_the_nearest() => ShouldReport(
        Load.WithPolicy("decision: alow\ninclude: [{everyone: true}]"),
        DiagnosticCodes.InvalidValue, 5, 15,
        "`decision` must be one of allow, deny, non_identity, bypass (got `alow`; did you mean `allow`?)");

    [Test]
    public void A_decision_far_from_any_known_one_is_shown_as_written() => ShouldReport(
        Load.WithPolicy("decision: permit\ninclude: [{everyone: true}]"),
        DiagnosticCodes.InvalidValue, 5, 15,
        "`decision` must be one of allow, deny, non_identity, bypass (got `permit`)");

    [TestCase("email: not-an-email", "`email` must be an email address such as ada@example.com (got `not-an-email`)")]
    [TestCase("email: {email: a@}", "`email` must be an email address such as ada@example.com (got `a@`)")]
    [TestCase("ip: 10.0.0.0/33", "`ip` must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8 (got `10.0.0.0/33`)")]
    [TestCase("ip: 10.0.300.0/8", "`ip` must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8 (got `10.0.300.0/8`)")]
    [TestCase("ip: {ip: \"2001:db8::/129\"}", "`ip` must be an IPv4 or IPv6 address or CIDR block such as 10.0.0.0/8 (got `2001:db8::/129`)")]
    [TestCase("geo: usa", "`geo` must be a two-letter ISO 3166-1 country code in capitals, such as US (got `usa`)")]
    [TestCase("geo: {country_code: us}", "`country_code` must be a two-letter ISO 3166-1 country code in capitals, such as US (got `us`)")]
    [TestCase("group: {id: developers}", "`id` must be a UUID such as 00000000-0000-4000-8000-000000000000 (got `developers`)")]
    [TestCase("email_domain: example..com", "`email_domain` must be a domain name such as example.com (got `example..com`)")]
    [TestCase("everyone: false", "`everyone` must be true (or {} in the API's shape) (got `false`)")]
    [TestCase("auth_method: password", "`auth_method` must be an RFC 8176 authentication method such as mfa, hwk or otp (got `password`)")]
    public void A_malformed_rule_value_is_reported_at_the_value(string rule, string message)
    {
        var d = Load.SingleDiagnostic(Load.WithPolicy("decision: deny\ninclude:\n  - " + rule));

        d.Code.ShouldBe(DiagnosticCodes.InvalidValue);
        d.Span.Line.ShouldBe(7);
        d.Message.ShouldBe(message);
    }

    [Test]
    public void A_malformed_duration_is_reported_with_the_accepted_units() => ShouldReport(
        Load.WithPolicy("decision: allow\ninclude: [{geo: US}]\nsession_duration: 24 hours"),
        DiagnosticCodes.InvalidValue, 7, 23,
        "`session_duration` must be a duration such as 30m, 24h or 2h45m (units ns, us, ms, s, m, h) (got `24 hours`)");

    [Test]
    public void A_malformed_application_uuid_is_reported_at_the_id() => ShouldReport(
        "app:\n  id: 1234-abcd\npolicies: []\n",
        DiagnosticCodes.InvalidValue, 2, 7,
        "`id` must be a UUID such as 00000000-0000-4000-8000-000000000000 (got `1234-abcd`)");

    [Test]
    public void A_number_where_a_string_belongs_is_a_wrong_type() => ShouldReport(
        "app:\n  id: 1234\npolicies: []\n",
        DiagnosticCodes.WrongType, 2, 7,
        "`id` must be a string, not the number 1234");

    [Test]
    public void An_empty_policy_name_is_refused() => ShouldReport(
        "app:\n  name: A\npolicies:\n  - name: \"\"\n    decision: deny\n    include: [{everyone: true}]\n",
        DiagnosticCodes.InvalidValue, 4, 11,
        "`name` must not be empty");

    [Test]
    public void A_blank_policy_name_is_refused() => ShouldReport(
        "app:\n  name: A\npolicies:\n  - name: \"   \"\n    decision: deny\n    include: [{everyone: true}]\n",
        DiagnosticCodes.InvalidValue, 4, 11,
        "`name` must not be empty (got `   `)");

    [Test]
    public void An_empty_include_is_refused() => ShouldReport(
        Load.WithPolicy("decision: deny\ninclude: []"),
        DiagnosticCodes.InvalidValue, 6, 14,
        "`include` needs at least one rule");

    [Test]
    public void A_rule_with_two_kinds_is_refused_at_the_rule() => ShouldReport(
        Load.WithPolicy("decision: deny\ninclude:\n  - email: a@example.com\n    geo: US"),
        DiagnosticCodes.InvalidValue, 7, 9,
        "`include[0]` has more than one rule kind; write each kind as its own list item");

    [Test]
    public void An_application_named_two_ways_is_refused() => ShouldReport(
        "app:\n  name: A\n  domain: a.example.com\npolicies: []\n",
        DiagnosticCodes.InvalidValue, 2, 3,
        "`app` names the application by exactly one of id, name or domain");

    [Test]
    public void A_typo_in_a_policy_next_to_use_entries_still_suggests_the_key() => ShouldReport(
        "app: {name: A}\npolicies:\n  - use: Allow developers\n  - name: P\n    decision: deny\n    include: [{geo: US}]\n    sesion_duration: 24h\n",
        DiagnosticCodes.UnknownKey, 7, 5,
        "unknown key `sesion_duration`; did you mean `session_duration`?");

    [Test]
    public void A_use_entry_with_precedence_zero_is_refused_at_the_precedence() => ShouldReport(
        "app: {name: A}\npolicies:\n  - use: Allow developers\n    precedence: 0\n",
        DiagnosticCodes.InvalidValue, 4, 17,
        "`precedence` must be at least 1 (got `0`)");

    [Test]
    public void A_use_entry_with_an_unknown_key_suggests_the_known_one() => ShouldReport(
        "app: {name: A}\npolicies:\n  - use: Allow developers\n    precedance: 2\n",
        DiagnosticCodes.UnknownKey, 4, 5,
        "unknown key `precedance`; did you mean `precedence`?");

    [Test]
    public void A_use_entry_with_an_empty_name_is_refused() => ShouldReport(
        "app: {name: A}\npolicies:\n  - use: \"\"\n",
        DiagnosticCodes.InvalidValue, 3, 10,
        "`use` must not be empty");

    [Test]
    public void A_list_entry_that_is_not_a_mapping_is_a_wrong_type() => ShouldReport(
        "app: {name: A}\npolicies:\n  - Allow developers\n",
        DiagnosticCodes.WrongType, 3, 5,
        "`policies[0]` must be a mapping, not the string \"Allow developers\"");

    [Test]
    public void An_entry_as_close_to_a_policy_as_to_a_use_entry_names_the_keys_that_tell_them_apart() => ShouldReport(
        // Either reading finds two errors (`use` and a missing include; `name` and `decision`), so neither is guessed.
        "app: {name: A}\npolicies:\n  - {use: Allow developers, name: P, decision: deny}\n",
        DiagnosticCodes.WrongType, 3, 5,
        "`policies[0]` must be a mapping with `name`, `decision` and `include` or a mapping with `use`, not a mix of them");

    [Test]
    public void A_zone_in_a_reusable_policy_file_is_refused_because_reusable_policies_belong_to_accounts() => ShouldReportInReusable(
        "zone_id: 0123456789abcdef0123456789abcdef\npolicy: {name: P, decision: deny, include: [{geo: US}]}\n",
        DiagnosticCodes.UnknownKey, 1, 1,
        "`zone_id` is not allowed in a reusable-policy file: reusable policies belong to accounts, not zones; set `account_id`, or leave the account to accesssync.yaml");

    [Test]
    public void An_unknown_key_in_a_reusable_policy_file_lists_the_file_s_keys() => ShouldReportInReusable(
        "app: {name: A}\npolicy: {name: P, decision: deny, include: [{geo: US}]}\n",
        DiagnosticCodes.UnknownKey, 1, 1,
        "unknown key `app`; expected one of: account_id, policy");

    [Test]
    public void A_near_miss_of_kind_suggests_it() => ShouldReportInReusable(
        "knd: reusable-policy\npolicy: {name: P, decision: deny, include: [{geo: US}]}\n",
        DiagnosticCodes.UnknownKey, 1, 1,
        "unknown key `knd`; did you mean `kind`?");

    [Test]
    public void Every_error_in_a_file_is_reported_at_once_in_reading_order()
    {
        var diagnostics = Load.Application(Load.WithPolicy("decision: permit\ninclude: [{geo: usa}]\nsesion_duration: 1h")).Diagnostics;

        diagnostics.Select(d => d.Span.Line).ShouldBe([5, 6, 7]);
        diagnostics.Select(d => d.Code).ShouldBe([DiagnosticCodes.InvalidValue, DiagnosticCodes.InvalidValue, DiagnosticCodes.UnknownKey]);
    }
}
