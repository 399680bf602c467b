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
    public static ImmutableArray<FieldChange> Mismatches(DesiredPolicy? desired, int precedence, JsonElement written)
    {
        var fields = desired is null ? [] : PolicyDiff.Changes(desired, written)
            .Select(c => new FieldChange(c.Path, c.After, c.Before));
        var livePrecedence = written.TryGetProperty(PolicyFields.Precedence, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : (int?)null;
        var moved = livePrecedence == precedence
            ? []
            : new[] { new FieldChange(PolicyFields.Precedence, precedence.ToString(System.Globalization.CultureInfo.InvariantCulture), livePrecedence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null") };
        return [.. fields, .. moved];
    }

    public static string Describe(ImmutableArray<FieldChange> mismatches) =>
        "the API did not apply "
        + string.Join("; ", mismatches.Select(m => $"{m.Path} (sent {m.Before}, it kept {m.After})"))
        + ". It answered success but the policy is not as sent; if this API does not accept the field on an application's own policies, manage it in a reusable policy";
}
