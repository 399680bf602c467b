using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>Matches a device that passes a posture check. Access learns it from the device, not from the request.</summary>
public sealed record DevicePostureRule(string IntegrationUid) : Rule
{
    public static readonly RuleKind Wire = new("device_posture", static (ref f) => new DevicePostureRule(f.Text("integration_uid")) { Span = f.Span }, shortFormField: "integration_uid");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("integration_uid", IntegrationUid));
}

/// <summary>Matches when an external service, asked at each login, says so.</summary>
public sealed record ExternalEvaluationRule(string EvaluateUrl, string KeysUrl) : Rule
{
    public static readonly RuleKind Wire = new("external_evaluation", static (ref f) => new ExternalEvaluationRule(f.Text("evaluate_url"), f.Text("keys_url")) { Span = f.Span });

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("evaluate_url", EvaluateUrl), ("keys_url", KeysUrl));
}

/// <summary>Matches a user whose risk score is one of these levels (<c>low</c>, <c>medium</c>, <c>high</c>, <c>unscored</c>).</summary>
public sealed record UserRiskScoreRule(ImmutableArray<string> Levels) : Rule
{
    public static readonly RuleKind Wire = new("user_risk_score", static (ref f) => new UserRiskScoreRule(f.List("user_risk_score")) { Span = f.Span }, shortFormField: "user_risk_score");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("user_risk_score", RuleValue.Of(Levels)));

    public bool Equals(UserRiskScoreRule? other) => other is not null && Levels.SequenceEqual(other.Levels);

    public override int GetHashCode() => Levels.Aggregate(0, HashCode.Combine);
}
