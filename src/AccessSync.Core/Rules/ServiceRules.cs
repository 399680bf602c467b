using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>Matches a request that presents one service token.</summary>
public sealed record ServiceTokenRule(ObjectReference Reference) : ReferenceRule(Reference)
{
    public static readonly RuleKind Wire = new("service_token", static (ref f) => new ServiceTokenRule(f.Reference("token_id")) { Span = f.Span }, shortFormField: "token_id");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("token_id", Reference.Value));

    public override string ObjectKind => "service token";
}

/// <summary>Matches a request that presents any valid service token of the account.</summary>
public sealed record AnyValidServiceTokenRule() : Rule
{
    public static readonly RuleKind Wire = new("any_valid_service_token", static (ref f) => new AnyValidServiceTokenRule { Span = f.Span }, flag: true);

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf();
}

/// <summary>Matches a request that presents any valid mTLS client certificate.</summary>
public sealed record CertificateRule() : Rule
{
    public static readonly RuleKind Wire = new("certificate", static (ref f) => new CertificateRule { Span = f.Span }, flag: true);

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf();
}

/// <summary>Matches a request whose mTLS client certificate has this common name.</summary>
public sealed record CommonNameRule(string CommonName) : Rule
{
    public static readonly RuleKind Wire = new("common_name", static (ref f) => new CommonNameRule(f.Text("common_name")) { Span = f.Span }, shortFormField: "common_name");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("common_name", CommonName));
}

/// <summary>Matches a request with an OAuth token from a linked (OIDC SaaS) application.</summary>
public sealed record LinkedAppTokenRule(string AppUid) : Rule
{
    public static readonly RuleKind Wire = new("linked_app_token", static (ref f) => new LinkedAppTokenRule(f.Text("app_uid")) { Span = f.Span }, shortFormField: "app_uid");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("app_uid", AppUid));
}
