using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Tests.Support;

namespace AccessSync.Core.Tests;

public class ModelReaderTests
{
    [Test]
    public void Short_forms_expand_to_the_api_s_shape()
    {
        var rules = Load.ValidApplication(Load.WithPolicy("""
            decision: deny
            include:
              - email: ada@example.com
              - email_domain: example.com
              - ip: 192.0.2.0/24
              - geo: NO
              - everyone: true
              - user_risk_score: [high, medium]
              - group: aa0a4aab-672b-4bdb-bc33-a59f1130a11f
            """)).Policies[0].Include;

        rules.Select(r => r.ToString()).ShouldBe(
        [
            "email: {email: ada@example.com}",
            "email_domain: {domain: example.com}",
            "ip: {ip: 192.0.2.0/24}",
            "geo: {country_code: NO}",
            "everyone: {}",
            "user_risk_score: {user_risk_score: [high, medium]}",
            "group: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f}",
        ]);
    }

    [Test]
    public void A_short_form_and_the_api_shape_of_the_same_rule_are_equal()
    {
        var include = Load.ValidApplication(Load.WithPolicy("decision: deny\ninclude:\n  - email: ada@example.com\n  - email: {email: ada@example.com}")).Policies[0].Include;

        include[0].ShouldBe(include[1]);
    }

    [TestCase("group: Developers", "group", "Developers")]
    [TestCase("service_token: CI deploy bot", "service_token", "CI deploy bot")]
    [TestCase("login_method: Okta", "login_method", "Okta")]
    public void A_name_where_an_id_belongs_becomes_a_reference_to_resolve(string rule, string kind, string name)
    {
        var parsed = Load.ValidApplication(Load.WithPolicy($"decision: deny\ninclude:\n  - {rule}")).Policies[0].Include[0];

        parsed.Kind.Key.ShouldBe(kind);
        parsed.ShouldBeAssignableTo<ReferenceRule>()!.Reference.ShouldBe(ObjectReference.Name(name));
    }

    [Test]
    public void Fields_the_file_leaves_out_stay_unmanaged()
    {
        var policy = Load.ValidApplication(Load.WithPolicy("decision: allow\ninclude: [{geo: US}]")).Policies[0];

        policy.Exclude.ShouldBeNull();
        policy.Require.ShouldBeNull();
        policy.Settings.ShouldBe(PolicySettings.None);
    }

    [Test]
    public void Defaults_fill_only_the_settings_a_policy_leaves_unset()
    {
        var defaults = new PolicySettings(SessionDuration: "24h", IsolationRequired: false);
        var file = Load.ValidApplication(
            "app: {name: A}\npolicies:\n  - {name: P1, decision: deny, include: [{geo: US}]}\n  - {name: P2, decision: deny, include: [{geo: US}], session_duration: 1h}\n",
            defaults);

        file.Policies[0].Settings.SessionDuration.ShouldBe("24h");
        file.Policies[1].Settings.SessionDuration.ShouldBe("1h");
        file.Policies[1].Settings.IsolationRequired.ShouldBe(false);
    }

    [Test]
    public void Use_entries_and_own_policies_keep_their_places_in_the_whole_list()
    {
        var file = Load.ValidApplication("""
            app: {name: A}
            policies:
              - {name: Block contractors, decision: deny, include: [{geo: US}]}
              - use: Allow developers
              - {name: Allow partners, decision: allow, include: [{geo: CA}]}
              - use: Allow auditors
                precedence: 9
            """);

        file.Policies.Select(p => (p.Name, p.Position, p.EffectivePrecedence)).ShouldBe([("Block contractors", 1, 1), ("Allow partners", 3, 3)]);
        file.Uses.Select(u => (u.Name, u.Position, u.Precedence, u.EffectivePrecedence)).ShouldBe([("Allow developers", 2, (int?)null, 2), ("Allow auditors", 4, 9, 9)]);
        file.Uses[0].Span.ShouldBe(new SourceSpan(Load.Path, 4, 10));
        file.Uses[0].PrecedenceSpan.ShouldBeNull();
        file.Uses[1].PrecedenceSpan.ShouldBe(new SourceSpan(Load.Path, 7, 17));
    }

    [Test]
    public void A_reusable_policy_file_is_read_with_its_account_and_the_defaults_applied()
    {
        var defaults = new PolicySettings(SessionDuration: "24h", IsolationRequired: false);
        var result = Load.Reusable("""
            kind: reusable-policy
            account_id: 9a7806061c88ada191ed06f989cc3dac
            policy:
              name: Allow developers
              id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
              decision: allow
              include:
                - group: Developers
              session_duration: 8h
            """, defaults);

        result.Diagnostics.ShouldBeEmpty();
        var file = result.Value!;
        file.Path.ShouldBe(Load.ReusablePath);
        file.Scope.ShouldBe(Scope.Account("9a7806061c88ada191ed06f989cc3dac"));
        var policy = file.Policy;
        policy.Name.ShouldBe("Allow developers");
        policy.Id.ShouldBe("f174e90a-fafe-4643-bbbc-4a0ed4fc8415");
        policy.Include.ShouldHaveSingleItem().ShouldBeOfType<GroupRule>().Reference.ShouldBe(ObjectReference.Name("Developers"));
        policy.Settings.ShouldBe(new PolicySettings(SessionDuration: "8h", IsolationRequired: false));
        policy.Position.ShouldBe(0);
        policy.Precedence.ShouldBeNull();
    }

    [Test]
    public void Every_setting_of_the_seed_policy_is_read()
    {
        var policy = Load.ValidApplication("""
            app: {domain: rdp.example.com}
            zone_id: 0123456789abcdef0123456789abcdef
            prune: false
            policies:
              - name: Allow devs
                id: f174e90a-fafe-4643-bbbc-4a0ed4fc8415
                precedence: 3
                decision: allow
                include: [{group: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f}}]
                exclude: [{group: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f}}]
                require: [{group: {id: aa0a4aab-672b-4bdb-bc33-a59f1130a11f}}]
                approval_required: true
                approval_groups:
                  - {approvals_needed: 1, email_addresses: [test1@cloudflare.com, test2@cloudflare.com], email_list_uuid: email_list_uuid}
                  - {approvals_needed: 3, email_list_uuid: 597147a1-976b-4ef2-9af0-81d5d007fc34}
                isolation_required: false
                purpose_justification_required: true
                purpose_justification_prompt: Please enter a justification for entering this protected domain.
                session_duration: 24h
                mfa_config: {allowed_authenticators: [totp, biometrics, security_key], mfa_disabled: false, session_duration: 24h}
                connection_rules:
                  rdp: {allowed_clipboard_local_to_remote_formats: [text], allowed_clipboard_remote_to_local_formats: [text]}
            """);

        policy.App.ShouldBe(new AppReference(AppReferenceKind.Domain, "rdp.example.com", policy.App.Span));
        policy.Scope.ShouldBe(Scope.Zone("0123456789abcdef0123456789abcdef"));
        policy.Prune.ShouldBe(false);
        var p = policy.Policies.ShouldHaveSingleItem();
        p.Id.ShouldBe("f174e90a-fafe-4643-bbbc-4a0ed4fc8415");
        p.Precedence.ShouldBe(3);
        p.Decision.ShouldBe(Decision.Allow);
        p.Exclude!.Value.ShouldHaveSingleItem().ShouldBeOfType<GroupRule>();
        p.Require!.Value.ShouldHaveSingleItem().ShouldBeOfType<GroupRule>();
        var s = p.Settings;
        s.ApprovalRequired.ShouldBe(true);
        s.ApprovalGroups!.Value.Select(g => g.ApprovalsNeeded).ShouldBe([1, 3]);
        s.ApprovalGroups!.Value[0].EmailAddresses!.Value.ShouldBe(["test1@cloudflare.com", "test2@cloudflare.com"]);
        s.ApprovalGroups!.Value[1].EmailListUuid.ShouldBe("597147a1-976b-4ef2-9af0-81d5d007fc34");
        s.IsolationRequired.ShouldBe(false);
        s.PurposeJustificationRequired.ShouldBe(true);
        s.PurposeJustificationPrompt.ShouldBe("Please enter a justification for entering this protected domain.");
        s.SessionDuration.ShouldBe("24h");
        s.MfaConfig!.AllowedAuthenticators!.Value.ShouldBe(["totp", "biometrics", "security_key"]);
        s.MfaConfig.MfaDisabled.ShouldBe(false);
        s.MfaConfig.SessionDuration.ShouldBe("24h");
        s.ConnectionRules!.Rdp!.AllowedClipboardLocalToRemoteFormats!.Value.ShouldBe(["text"]);
        s.ConnectionRules.Rdp.AllowedClipboardRemoteToLocalFormats!.Value.ShouldBe(["text"]);
    }
}
