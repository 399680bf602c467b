using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Core.Normalization;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Applying;

/// <summary>
/// Compares what the API says it stored with what was sent. A managed field it did not apply makes the write a
/// failure: an API that silently ignores a field must never look like a success.
/// </summary>
public static class ReadBack
{
    /// <summary>The fields that differ: Before is what was sent, After what the API answered.</summary>
    /// <param name="precedence">The precedence sent; null for a reusable policy, which has none.</param>
    public static ImmutableArray<FieldChange> Mismatches(DesiredPolicy? desired, int? precedence, JsonElement written)
    {
        var fields = desired is null ? [] : PolicyDiff.Changes(desired, written)
            .Select(c => new FieldChange(c.Path, c.After, c.Before));
        var livePrecedence = written.TryGetProperty(PolicyFields.Precedence, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : (int?)null;
        var moved = precedence is null || livePrecedence == precedence
            ? []
            : new[] { new FieldChange(PolicyFields.Precedence, precedence.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), livePrecedence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null") };
        return [.. fields, .. moved];
    }

    /// <summary>The entries of an application's policies list that the API's answer does not have as sent.</summary>
    /// <param name="sent">The list sent, every id known.</param>
    public static ImmutableArray<string> LinkMismatches(IReadOnlyCollection<PolicyLink> sent, JsonElement app)
    {
        var answered = app.TryGetProperty("policies", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("id", out _))
                .ToDictionary(
                    p => p.GetProperty("id").GetString() ?? string.Empty,
                    p => p.TryGetProperty(PolicyFields.Precedence, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : (int?)null,
                    StringComparer.Ordinal)
            : [];
        var wanted = sent.Select(s => s.PolicyId!).ToHashSet(StringComparer.Ordinal);
        return
        [
            .. sent
                .Where(s => !answered.TryGetValue(s.PolicyId!, out var at) || at != s.Precedence)
                .Select(s => answered.TryGetValue(s.PolicyId!, out var at) ? $"\"{s.Name}\" is at precedence {at?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, not {s.Precedence}" : $"\"{s.Name}\" is not attached"),
            .. answered.Keys.Where(id => !wanted.Contains(id)).Order(StringComparer.Ordinal).Select(id => $"policy {id} is still attached"),
        ];
    }

    /// <summary>Why a policy write failed although the API accepted it: the fields it did not apply as sent; null when it applied them all.</summary>
    public static string? Failure(DesiredPolicy? desired, int? precedence, JsonElement written) =>
        Mismatches(desired, precedence, written) is { IsEmpty: false } mismatches ? Describe(mismatches) : null;

    /// <summary>Why a policies-list write failed although the API accepted it; null when it kept the list as sent.</summary>
    public static string? LinkFailure(IReadOnlyCollection<PolicyLink> sent, JsonElement app) =>
        LinkMismatches(sent, app) is { IsEmpty: false } wrong ? $"the API did not apply the policies list as sent: {string.Join("; ", wrong)}" : null;

    public static string Describe(ImmutableArray<FieldChange> mismatches) =>
        "the API did not apply "
        + string.Join("; ", mismatches.Select(m => $"{m.Path} (sent {m.Before}, it kept {m.After})"))
        + ". It answered success but the policy is not as sent; if this API does not accept the field on an application's own policies, manage it in a reusable policy";
}
