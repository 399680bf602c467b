using AccessSync.Core.Evaluation;

namespace AccessSync.Core.Planning;

/// <summary>
/// A request the plan lets into an application that live refuses, found by <see cref="NewlyLetIn"/>: the proof a
/// reviewer reads beside the widening, as words, since that is all a saved plan needs to keep of it.
/// </summary>
/// <param name="Who">The request, as a reviewer reads it: <c>eve@partner.example from US with mfa</c>.</param>
/// <param name="By">The policy that lets it in after the plan.</param>
public sealed record LetInExample(string Who, string By)
{
    /// <param name="names">Ids of groups, service tokens and identity providers to their names.</param>
    public static LetInExample Of(Identity who, string by, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(who);
        string Name(string reference) => names.TryGetValue(reference, out var name) ? name : reference;
        var parts = new List<string>();
        void Add(string? value, Func<string, string> describe)
        {
            if (value is not null)
            {
                parts.Add(describe(value));
            }
        }

        parts.AddRange(who.Groups.Select(g => $"in group {Name(g)}"));
        parts.AddRange(who.IdpGroups.Select(g => $"with identity-provider group {g}"));
        Add(who.Country, c => $"from {c}");
        Add(who.Ip?.ToString(), ip => $"at {ip}");
        parts.AddRange(who.AuthMethods.Select(m => $"with {m}"));
        Add(who.LoginMethod, l => $"logged in with {Name(l)}");
        Add(who.ServiceToken, t => $"with service token {Name(t)}");
        Add(who.AnyValidServiceToken ? "a valid service token" : null, t => $"with {t}");
        Add(who.CommonName ?? (who.Certificate ? string.Empty : null), cn => cn.Length == 0 ? "with a client certificate" : $"with a client certificate for {cn}");
        Add(who.AccountMember ? "the account" : null, a => $"a member of {a}");
        parts.AddRange((who.DevicePosture ?? []).Select(p => $"passing posture check {p}"));
        Add(who.UserRiskScore is { } risk && risk != "low" ? risk : null, r => $"with {r} risk score");
        parts.AddRange((who.EmailLists ?? []).Select(l => $"on email list {l}"));
        parts.AddRange((who.IpLists ?? []).Select(l => $"in IP list {l}"));

        var subject = who.Email ?? (parts.Count == 0 ? "any request" : "a request");
        return new LetInExample(string.Join(' ', [subject, .. parts]), by);
    }
}
