using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Exporting;

/// <summary>
/// Where each of an account's reusable policies goes in the files, chosen so that the planner reads it back as it
/// is live. A policy AccessSync would have created for an application without policies of its own (named
/// <c>[App] Policy</c>, attached to that application alone) is written in that application's file as the policy it
/// came from, since the planner turns that file's policies into exactly such policies. Every other one gets a file
/// of its own under <c>reusable/</c>, and each application that has it attached a <c>- use:</c> entry.
/// </summary>
internal sealed class ReusableLayout
{
    private readonly LiveScope scope;
    private readonly Dictionary<string, LivePolicy> live;
    private readonly HashSet<string> sharedNames;
    private readonly HashSet<string> defined;
    private readonly Dictionary<string, string> inline = new(StringComparer.Ordinal);

    /// <param name="alreadyDefined">
    /// Reusable policies files of the folder define: one the planner would also make from an application's
    /// policy would be defined twice, so it is used instead.
    /// </param>
    public ReusableLayout(LiveScope scope, IEnumerable<ExistingReusablePolicy> alreadyDefined)
    {
        this.scope = scope;
        live = scope.ReusablePolicies.DistinctBy(p => p.Id).ToDictionary(p => p.Id, StringComparer.Ordinal);
        defined = alreadyDefined.Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // The planner finds a reusable policy by its name in any letter case, so one whose name another shares
        // cannot be found by name, nor defined by a file beside the other.
        sharedNames = scope.ReusablePolicies
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(p => p.Id))
            .ToHashSet(StringComparer.Ordinal);

        foreach (var app in scope.Applications)
        {
            foreach (var policy in app.Policies.Where(p => p.IsReusable))
            {
                if (OwnedName(app, policy) is { } name)
                {
                    inline[policy.Id] = name;
                }
            }
        }

        FileNames = Exporting.FileNames.ReusablePolicies([.. scope.ReusablePolicies.Where(p => !inline.ContainsKey(p.Id) && !sharedNames.Contains(p.Id)).DistinctBy(p => p.Id)]);
    }

    /// <summary>The file of each reusable policy that gets one.</summary>
    public IReadOnlyDictionary<LivePolicy, string> FileNames { get; }

    /// <summary>The account's reusable policy of this id, with its own content (an application's copy may lack some).</summary>
    public LivePolicy? Live(string id) => live.GetValueOrDefault(id);

    /// <summary>
    /// The name to write <paramref name="attached"/> under in its application's own policies, or null when it
    /// is written as a <c>use</c> entry.
    /// </summary>
    public string? InlineName(LivePolicy attached) => inline.GetValueOrDefault(attached.Id);

    /// <summary>What a <c>use</c> entry says: the name, or the id when another reusable policy has that name in some letter case.</summary>
    public string UseName(LivePolicy attached) => sharedNames.Contains(attached.Id) ? attached.Id : (Live(attached.Id) ?? attached).Name;

    /// <summary>Reusable policies that no file can define, since another of the account has their name in some letter case.</summary>
    public bool HasSharedName(LivePolicy policy) => sharedNames.Contains(policy.Id);

    /// <summary>The applications <paramref name="policy"/> is attached to, by name, in order.</summary>
    public IEnumerable<string> AttachedTo(LivePolicy policy) => scope.Applications
        .Where(a => a.Policies.Any(p => p.IsReusable && p.Id == policy.Id))
        .Select(a => a.Name)
        .Order(StringComparer.Ordinal);

    /// <summary>
    /// The policy name <paramref name="attached"/> was made from, when the planner would make it again from that
    /// name in the application's file: the application is in an account and has no policies of its own, its name
    /// is its alone (in any letter case, as the planner compares the names it makes), and the policy is attached
    /// to it alone, is named <c>[App] Name</c>, and no other reusable policy or file of the folder has that name.
    /// </summary>
    private string? OwnedName(LiveApplication app, LivePolicy attached)
    {
        var prefix = ReusablePlan.OwnedName(app.Name, string.Empty);
        var owned = app.Scope.Kind == ScopeKind.Account
            && !app.OwnPolicies.Any()
            && Live(attached.Id) is { } policy
            && policy.Name.Length > prefix.Length
            && policy.Name.StartsWith(prefix, StringComparison.Ordinal)
            && !sharedNames.Contains(policy.Id)
            && !defined.Contains(policy.Name)
            && scope.Applications.Count(a => string.Equals(a.Name, app.Name, StringComparison.OrdinalIgnoreCase)) == 1
            && !scope.Applications.Any(a => a.Id != app.Id && a.Policies.Any(p => p.IsReusable && p.Id == attached.Id));
        return owned ? Live(attached.Id)!.Name[prefix.Length..] : null;
    }
}
