using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Normalization;
using AccessSync.Core.Rules;

namespace AccessSync.Core.Live;

/// <summary>
/// A policy as the API returned it. <see cref="Raw"/> is the whole object, every field kept, so that a write
/// built from it sends back what AccessSync does not manage; the properties are a typed view of a few fields.
/// </summary>
/// <param name="IsReusable">An account-level policy attached to the application, rather than one of its own.</param>
public sealed record LivePolicy(string Id, string Name, string Decision, int? Precedence, string? UpdatedAt, bool IsReusable, JsonElement Raw)
{
    /// <summary>Reads the typed view from the API's object; <paramref name="isReusable"/> comes from the reusable list.</summary>
    public static LivePolicy FromJson(JsonElement raw, bool isReusable) => new(
        raw.GetProperty("id").GetString() ?? throw new JsonException("a policy without an id"),
        raw.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : string.Empty,
        raw.TryGetProperty("decision", out var decision) && decision.ValueKind == JsonValueKind.String ? decision.GetString()! : string.Empty,
        raw.TryGetProperty("precedence", out var precedence) && precedence.ValueKind == JsonValueKind.Number ? precedence.GetInt32() : null,
        raw.TryGetProperty("updated_at", out var updated) && updated.ValueKind == JsonValueKind.String ? updated.GetString() : null,
        isReusable,
        raw.Clone());

    /// <summary>
    /// The typed rules of one of its lists (<c>include</c>, <c>exclude</c>, <c>require</c>): empty when absent, as the
    /// API means it. Read when asked, not when the policy is: planning compares the API's own text first.
    /// </summary>
    public ImmutableArray<Rule> Rules(RuleList list) => RuleWire.ReadList(JsonPath.Get(Raw, WireKey(list)));

    private static string WireKey(RuleList list) => list switch
    {
        RuleList.Exclude => PolicyFields.Exclude,
        RuleList.Require => PolicyFields.Require,
        _ => PolicyFields.Include,
    };
}
