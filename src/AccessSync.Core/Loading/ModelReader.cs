using System.Collections.Immutable;
using System.Net;
using System.Runtime.InteropServices;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Model;
using AccessSync.Core.Rules;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Loading;

/// <summary>
/// Builds the model from a located tree that has passed the schema, so it can trust shapes and types and
/// concentrate on meaning: short forms expanded, defaults applied, places kept. A cast that fails here is a gap in
/// the schema, not a mistake in the file.
/// </summary>
internal sealed class ModelReader(string path)
{
    /// <summary>
    /// An application file. Its list holds the application's own policies and <c>use</c> entries, interleaved;
    /// each keeps its 1-based place in the whole list, since that place is its precedence.
    /// </summary>
    public ApplicationFile ReadApplication(LocatedMapping root, PolicySettings defaults)
    {
        var policies = (LocatedSequence)root["policies"]!;
        var own = ImmutableArray.CreateBuilder<PolicySpec>(policies.Items.Length);
        var uses = ImmutableArray.CreateBuilder<ReusableUse>();
        for (var i = 0; i < policies.Items.Length; i++)
        {
            var entry = (LocatedMapping)policies.Items[i];
            if (IsUse(entry))
            {
                uses.Add(ReadUse(entry, i + 1));
            }
            else
            {
                own.Add(ReadPolicy(entry, defaults, position: i + 1));
            }
        }

        return new ApplicationFile(
            path,
            ReadAppReference((LocatedMapping)root["app"]!),
            ReadScope(root),
            Scalar(root["prune"])?.AsBoolean(),
            own.DrainToImmutable(),
            policies.Span)
        {
            Uses = uses.DrainToImmutable(),
        };
    }

    /// <summary>A reusable-policy file: its policy gets the root config's defaults, as an application's do, and no place.</summary>
    public ReusablePolicyFile ReadReusablePolicy(LocatedMapping root, PolicySettings defaults) =>
        new(path, ReadScope(root), ReadPolicy((LocatedMapping)root["policy"]!, defaults));

    /// <summary>A file of access tests: the application it is about and its cases.</summary>
    public AccessTestFile ReadAccessTest(LocatedMapping root) => new(
        path,
        Text(root["app"]!),
        root["app"]!.Span,
        [.. ((LocatedSequence)root["cases"]!).Items.Cast<LocatedMapping>().Select(ReadAccessTestCase)]);

    public RootConfig ReadConfig(LocatedMapping root)
    {
        var defaults = RootConfig.Default;
        var safety = (LocatedMapping?)root["safety"];
        return new RootConfig(
            ReadScope(root),
            Scalar(root["prune"])?.AsBoolean() ?? defaults.Prune,
            root["defaults"] is LocatedMapping d ? ReadSettings(d) : PolicySettings.None,
            new SafetyOptions(
                Scalar(safety?["max_delete_percent"])?.AsDecimal() ?? defaults.Safety.MaxDeletePercent,
                Scalar(safety?["max_update_percent"])?.AsDecimal() ?? defaults.Safety.MaxUpdatePercent,
                Scalar(safety?["min_policies"])?.AsInt32() ?? defaults.Safety.MinPolicies,
                Scalar(safety?["allow_empty_apps"])?.AsBoolean() ?? defaults.Safety.AllowEmptyApps),
            Strings(root["ignore"]) ?? []);
    }

    /// <summary>The scope a mapping declares; both at once is reported by the semantic checks, and yields none.</summary>
    public static Scope? ReadScope(LocatedMapping root) => (root["account_id"], root["zone_id"]) switch
    {
        ({ } account, null) => Scope.Account(Text(account)),
        (null, { } zone) => Scope.Zone(Text(zone)),
        _ => null,
    };

    private static AppReference ReadAppReference(LocatedMapping app)
    {
        var entry = app.Entries.Single();
        var kind = entry.Key switch
        {
            "id" => AppReferenceKind.Id,
            "name" => AppReferenceKind.Name,
            _ => AppReferenceKind.Domain,
        };
        return new AppReference(kind, Text(entry.Value), entry.Value.Span);
    }

    private static AccessTestCase ReadAccessTestCase(LocatedMapping test) => new(
        Text(test["name"]!),
        ReadIdentity((LocatedMapping)test["who"]!),
        WireNames.ParseDecision(Text(test["expect"]!)),
        Scalar(test["by"])?.AsString(),
        test["name"]!.Span,
        test["by"]?.Span);

    /// <summary>Who makes a request: what a case leaves out is absent, except posture and risk score, which stay unknown (null).</summary>
    private static Identity ReadIdentity(LocatedMapping who) => new(
        Email: Scalar(who["email"])?.AsString(),
        Groups: Strings(who["groups"]) ?? [],
        IdpGroups: Strings(who["idp_groups"]) ?? [],
        Country: Scalar(who["country"])?.AsString(),
        Ip: Scalar(who["ip"])?.AsString() is { } ip ? IPAddress.Parse(ip) : null,
        LoginMethod: Scalar(who["login_method"])?.AsString(),
        AuthMethods: Strings(who["auth_methods"]) ?? [],
        DevicePosture: Strings(who["device_posture"]),
        ServiceToken: Scalar(who["service_token"])?.AsString(),
        AnyValidServiceToken: Scalar(who["any_valid_service_token"])?.AsBoolean() ?? false,
        Certificate: Scalar(who["certificate"])?.AsBoolean() ?? false,
        CommonName: Scalar(who["common_name"])?.AsString(),
        UserRiskScore: Scalar(who["user_risk_score"])?.AsString(),
        AccountMember: Scalar(who["account_member"])?.AsBoolean() ?? false,
        EmailLists: Strings(who["email_lists"]),
        IpLists: Strings(who["ip_lists"]));

    /// <summary>The schema lets <c>use</c> into a use entry only, so it tells the two kinds of list entry apart.</summary>
    private static bool IsUse(LocatedMapping entry) => entry.Entry(ReusableUse.Key) is not null;

    private static ReusableUse ReadUse(LocatedMapping entry, int position) =>
        new(Text(entry[ReusableUse.Key]!), position, Scalar(entry["precedence"])?.AsInt32(), entry[ReusableUse.Key]!.Span)
        {
            PrecedenceSpan = entry["precedence"]?.Span,
        };

    /// <param name="position">The policy's place in its application's list; none in a reusable-policy file.</param>
    private static PolicySpec ReadPolicy(LocatedMapping policy, PolicySettings defaults, int position = 0) => new(
        Text(policy["name"]!),
        WireNames.ParseDecision(Text(policy["decision"]!)),
        ReadRules(policy["include"])!.Value,
        ReadRules(policy["exclude"]),
        ReadRules(policy["require"]),
        ReadSettings(policy).Over(defaults),
        Scalar(policy["id"])?.AsString(),
        Scalar(policy["precedence"])?.AsInt32(),
        new PolicySpans(policy.Span, policy["name"]!.Span, policy["precedence"]?.Span))
    {
        Position = position,
    };

    private static ImmutableArray<Rule>? ReadRules(LocatedNode? rules)
    {
        if (rules is not LocatedSequence list)
        {
            return null;
        }

        // An array of the exact size, handed over as it is: every rule list of every file is read here, and a builder
        // would be one more object each.
        var read = new Rule[list.Items.Length];
        for (var i = 0; i < read.Length; i++)
        {
            read[i] = ReadRule((LocatedMapping)list.Items[i]);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(read);
    }

    private static Rule ReadRule(LocatedMapping rule)
    {
        var entry = rule.Entries.Single();
        var kind = entry.Key;
        return entry.Value switch
        {
            LocatedMapping apiShape => RuleShortForms.FromFields(kind, [.. apiShape.Entries.Select(e => new RuleField(e.Key, ReadValue(e.Value)))], entry.KeySpan),
            // everyone: true, certificate: true, ... : the API's shape is an empty object.
            LocatedScalar { Type: ScalarType.Boolean } => RuleShortForms.FromFlag(kind, entry.KeySpan),
            var value => RuleShortForms.FromValue(kind, ReadValue(value), entry.KeySpan),
        };
    }

    private static RuleValue ReadValue(LocatedNode value) =>
        value is LocatedSequence items ? RuleValue.Of(items.Items.Select(Text)) : RuleValue.Of(Text(value));

    private static PolicySettings ReadSettings(LocatedMapping o) => new(
        Scalar(o["session_duration"])?.AsString(),
        Scalar(o["approval_required"])?.AsBoolean(),
        o["approval_groups"] is LocatedSequence groups ? [.. groups.Items.Cast<LocatedMapping>().Select(ReadApprovalGroup)] : null,
        Scalar(o["isolation_required"])?.AsBoolean(),
        Scalar(o["purpose_justification_required"])?.AsBoolean(),
        Scalar(o["purpose_justification_prompt"])?.AsString(),
        o["mfa_config"] is LocatedMapping mfa
            ? new MfaConfig(Strings(mfa["allowed_authenticators"]), Scalar(mfa["mfa_disabled"])?.AsBoolean(), Scalar(mfa["session_duration"])?.AsString())
            : null,
        o["connection_rules"] is LocatedMapping rules ? ReadConnectionRules(rules) : null);

    private static ApprovalGroup ReadApprovalGroup(LocatedMapping group) => new(
        Scalar(group["approvals_needed"])!.AsInt32()!.Value,
        Strings(group["email_addresses"]),
        Scalar(group["email_list_uuid"])?.AsString());

    private static ConnectionRules ReadConnectionRules(LocatedMapping rules) => new(
        rules["rdp"] is LocatedMapping rdp
            ? new RdpConnectionRules(Strings(rdp["allowed_clipboard_local_to_remote_formats"]), Strings(rdp["allowed_clipboard_remote_to_local_formats"]))
            : null,
        rules["ssh"] is LocatedMapping ssh
            ? new SshConnectionRules(Strings(ssh["usernames"]) ?? [], Scalar(ssh["allow_email_alias"])?.AsBoolean())
            : null);

    private static ImmutableArray<string>? Strings(LocatedNode? node)
    {
        if (node is not LocatedSequence list)
        {
            return null;
        }

        var texts = ImmutableArray.CreateBuilder<string>(list.Items.Length);
        foreach (var item in list.Items)
        {
            texts.Add(Text(item));
        }

        return texts.MoveToImmutable();
    }

    /// <summary>A value the schema has checked is a scalar, when it is set.</summary>
    private static LocatedScalar? Scalar(LocatedNode? node) => (LocatedScalar?)node;

    /// <summary>A value the schema has checked is text (or reads as text: <c>name: 42</c> is "42"), where it requires one.</summary>
    private static string Text(LocatedNode node) => ((LocatedScalar)node).AsString()!;
}
