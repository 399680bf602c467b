using System.Collections.Immutable;

namespace AccessSync.Core.Rules;

/// <summary>Matches one email address (<c>email: ada@example.com</c>).</summary>
public sealed record EmailRule(string Email) : Rule
{
    public static readonly RuleKind Wire = new("email", static (ref f) => new EmailRule(f.Text("email")) { Span = f.Span }, shortFormField: "email");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("email", Email));
}

/// <summary>Matches every address in an email domain (<c>email_domain: example.com</c>).</summary>
public sealed record EmailDomainRule(string Domain) : Rule
{
    public static readonly RuleKind Wire = new("email_domain", static (ref f) => new EmailDomainRule(f.Text("domain")) { Span = f.Span }, shortFormField: "domain");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("domain", Domain));
}

/// <summary>Matches the addresses of an email list of the account.</summary>
public sealed record EmailListRule(string ListId) : Rule
{
    public static readonly RuleKind Wire = new("email_list", static (ref f) => new EmailListRule(f.Text("id")) { Span = f.Span }, shortFormField: "id");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("id", ListId));
}

/// <summary>Matches every request (<c>everyone: true</c>).</summary>
public sealed record EveryoneRule() : Rule
{
    public static readonly RuleKind Wire = new("everyone", static (ref f) => new EveryoneRule { Span = f.Span }, flag: true);

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf();
}

/// <summary>Matches the members of an Access group, by the group's own include, exclude and require rules.</summary>
public sealed record GroupRule(ObjectReference Reference) : ReferenceRule(Reference)
{
    public static readonly RuleKind Wire = new("group", static (ref f) => new GroupRule(f.Reference("id")) { Span = f.Span }, shortFormField: "id");

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("id", Reference.Value));

    public override string ObjectKind => "Access group";
}

/// <summary>Matches the members of a Cloudflare account (<c>cloudflare_account_member: true</c> for this one).</summary>
public sealed record AccountMemberRule(string? AccountId) : Rule
{
    public static readonly RuleKind Wire = new("cloudflare_account_member", static (ref f) => new AccountMemberRule(f.OptionalText("account_id")) { Span = f.Span }, flag: true);

    public override RuleKind Kind => Wire;

    public override ImmutableArray<RuleField> Fields => FieldsOf(("account_id", AccountId));
}
