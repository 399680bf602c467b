using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>Matches requests from an IPv4 or IPv6 address or CIDR range (<c>ip: 203.0.113.0/24</c>).</summary>
public sealed record IpRule(string Range) : Rule
{
    public static readonly RuleKind Wire = new("ip", static (ref f) => new IpRule(f.Text("ip")) { Span = f.Span }, shortFormField: "ip");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("ip", Range));
}

/// <summary>Matches requests from the addresses of an IP list of the account.</summary>
public sealed record IpListRule(string ListId) : Rule
{
    public static readonly RuleKind Wire = new("ip_list", static (ref f) => new IpListRule(f.Text("id")) { Span = f.Span }, shortFormField: "id");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("id", ListId));
}

/// <summary>Matches requests from a country (ISO 3166-1 alpha-2: <c>geo: US</c>).</summary>
public sealed record CountryRule(string CountryCode) : Rule
{
    public static readonly RuleKind Wire = new("geo", static (ref f) => new CountryRule(f.Text("country_code")) { Span = f.Span }, shortFormField: "country_code");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("country_code", CountryCode));
}
