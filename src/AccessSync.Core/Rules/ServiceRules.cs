using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>Matches a request that presents one service token.</summary>
public sealed record ServiceTokenRule(ObjectReference Reference) : ReferenceRule(Reference)
{
    public static readonly RuleKind Wire = new("service_token", f => new ServiceTokenRule(ObjectReference.Id(f.Text("token_id"))), shortFormField: "token_id");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("token_id", Reference.Value));

    public override string ObjectKind => "service token";
}

/// <summary>Matches a request that presents any valid service token of the account.</summary>
public sealed record AnyValidServiceTokenRule() : Rule
{
    public static readonly RuleKind Wire = new("any_valid_service_token", f => new AnyValidServiceTokenRule(), flag: true);

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf();
}

/// <summary>Matches a request that presents any valid mTLS client certificate.</summary>
public sealed record CertificateRule() : Rule
{
    public static readonly RuleKind Wire = new("certificate", f => new CertificateRule(), flag: true);

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf();
}

/// <summary>Matches a request whose mTLS client certificate has this common name.</summary>
public sealed record CommonNameRule(string CommonName) : Rule
{
    public static readonly RuleKind Wire = new("common_name", f => new CommonNameRule(f.Text("common_name")), shortFormField: "common_name");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("common_name", CommonName));
}

/// <summary>Matches a request with an OAuth token from a linked (OIDC SaaS) application.</summary>
public sealed record LinkedAppTokenRule(string AppUid) : Rule
{
    public static readonly RuleKind Wire = new("linked_app_token", f => new LinkedAppTokenRule(f.Text("app_uid")), shortFormField: "app_uid");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("app_uid", AppUid));
}
