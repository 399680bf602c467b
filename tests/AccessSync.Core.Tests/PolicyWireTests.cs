using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Rules;
using AccessSync.Core.Wire;

namespace AccessSync.Core.Tests;

/// <summary>A policy's managed fields on the wire: what a write sends, and the typed policy a saved plan gives back from it.</summary>
public sealed class PolicyWireTests
{
    private static readonly SourceSpan Span = new("apps/finance.yaml", 7, 5);

    private static readonly DesiredPolicy EverySetting = new(
        "Finance team with approval",
        Decision.Allow,
        2,
        "f174e90a-fafe-4643-bbbc-4a0ed4fc8415",
        [new GroupRule(ObjectReference.Id("aa0a4aab-672b-4bdb-bc33-a59f1130a11f")), new EmailDomainRule("example.com")],
        [new UserRiskScoreRule(["high"])],
        [new AuthMethodRule("hwk"), new UnknownRule("""{"warp_session":{"minutes":5}}""")],
        new PolicySettings(
            "4h",
            ApprovalRequired: true,
            ApprovalGroups: [new ApprovalGroup(1, ["cfo@example.com"], null), new ApprovalGroup(2, null, "597147a1-976b-4ef2-9af0-81d5d007fc34")],
            IsolationRequired: false,
            PurposeJustificationRequired: true,
            PurposeJustificationPrompt: "Which ticket?",
            MfaConfig: new MfaConfig(["security_key"], MfaDisabled: false, SessionDuration: "1h"),
            ConnectionRules: new ConnectionRules(new RdpConnectionRules(["text"], null), new SshConnectionRules(["root"], AllowEmailAlias: true))),
        Span);

    [Test]
    public void A_write_sends_each_managed_field_in_the_api_s_shape()
    {
        var fields = PolicyWire.ManagedFields(EverySetting);

        fields["include"].ShouldBe("""[{"group":{"id":"aa0a4aab-672b-4bdb-bc33-a59f1130a11f"}},{"email_domain":{"domain":"example.com"}}]""");
        fields["require"].ShouldBe("""[{"auth_method":{"auth_method":"hwk"}},{"warp_session":{"minutes":5}}]""");
        fields["approval_groups"].ShouldBe("""[{"approvals_needed":1,"email_addresses":["cfo@example.com"]},{"approvals_needed":2,"email_list_uuid":"597147a1-976b-4ef2-9af0-81d5d007fc34"}]""");
        fields["mfa_config.session_duration"].ShouldBe("\"1h\"");
        fields["connection_rules.ssh.allow_email_alias"].ShouldBe("true");
        fields.ShouldNotContainKey("connection_rules.rdp.allowed_clipboard_remote_to_local_formats");
    }

    [Test]
    public void A_policy_read_back_from_its_managed_fields_is_the_policy_written()
    {
        var fields = PolicyWire.ManagedFields(EverySetting);

        var read = PolicyWire.ReadDesired(EverySetting.Precedence, EverySetting.Id, fields, Span);

        read.ShouldBeEquivalentTo(EverySetting);
        read.Fields.ShouldBe(fields);
    }

    [Test]
    public void A_field_the_policy_does_not_manage_is_neither_sent_nor_read_back()
    {
        var minimal = EverySetting with { Exclude = null, Require = null, Settings = PolicySettings.None };

        var fields = PolicyWire.ManagedFields(minimal);

        fields.Keys.ShouldBe(["decision", "include", "name"]);
        PolicyWire.ReadDesired(2, null, fields, Span).ShouldBeEquivalentTo(minimal with { Id = null });
    }
}
