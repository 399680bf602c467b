using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Evaluation;
using AccessSync.Core.Live;
using AccessSync.Core.Model;
using AccessSync.Core.Review;

namespace AccessSync.Core.Planning;

/// <summary>
/// The product's heart: a pure function from the files and the live state to the changes that make live equal
/// the files. A live policy is matched by the file's explicit id, else by name within its application; list
/// order (or an explicit precedence) is precedence; a field the file leaves out is never shown or changed.
/// </summary>
public static class Planner
{
    public static PlanResult Compute(Project project, LiveState live, PlanOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var plans = new List<AppPlan>();
        var managedBy = new Dictionary<string, ApplicationFile>(StringComparer.Ordinal);
        var matchedTargets = new HashSet<string>(StringComparer.Ordinal);
        var reusable = ReusableCatalog.Build(project, live, diagnostics);
        var finalLinks = new Dictionary<string, IReadOnlyCollection<LinkTarget>>(StringComparer.Ordinal);
        var pending = new List<PendingApplication>();
        var liveOf = new Dictionary<string, (LiveApplication App, LiveScope Scope)>(StringComparer.Ordinal);

        foreach (var desired in project.Applications)
        {
            if (desired.Scope is not { } scope)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.NoScope,
                    "no account or zone for this application: set account_id or zone_id in the file or in accesssync.yaml, pass --account-id or --zone-id, or set CLOUDFLARE_ACCOUNT_ID",
                    desired.App.Span));
                continue;
            }

            var liveScope = live.For(scope) ?? throw new ArgumentException($"the live state has no {scope}", nameof(live));
            if (FindApplication(desired.App, liveScope, diagnostics) is not { } app)
            {
                continue;
            }

            liveOf[desired.File.Path] = (app, liveScope);

            var targets = options.Targets.Where(t => Names(t, app, desired)).ToList();
            matchedTargets.UnionWith(targets);
            if (!options.Targets.IsEmpty && targets.Count == 0)
            {
                continue;
            }

            if (managedBy.TryGetValue(app.Id, out var other))
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.DuplicateApplication,
                    $"application {app} is also managed by {other.Path}; one application, one file",
                    desired.App.Span));
                continue;
            }

            managedBy[app.Id] = desired.File;
            var builder = new DesiredPolicyBuilder(liveScope);
            var policies = builder.Build(desired.File);
            diagnostics.AddRange(builder.Diagnostics);
            var listed = desired.File.Policies.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var links = desired.File.Uses
                .Select(use => reusable.Resolve(use, scope, liveScope, diagnostics) is { } target
                    ? new DesiredLink(reusable.TryConvert(target, app, desired.File.Path, listed) ?? target, use.EffectivePrecedence, use.Span)
                    : null)
                .OfType<DesiredLink>()
                .ToList();
            if (OwnsReusablePolicies(app, policies))
            {
                var used = links.Select(l => l.Target.Id).ToHashSet(StringComparer.Ordinal);
                CheckNoReusableNameIsTaken(policies, [.. app.Policies.Where(p => p.IsReusable && !used.Contains(p.Id))], diagnostics);
                // The application has none of its own policies: it may be one that refuses them, as every application
                // created today does, so its file's own policies become reusable policies it owns, attached to it alone.
                links.AddRange(policies
                    .Select(p => reusable.Add(scope, desired.File.Path, Owned(app, p), liveScope, diagnostics) is { } owned
                        ? new DesiredLink(LinkTarget.To(owned), p.Precedence, p.Span)
                        : null)
                    .OfType<DesiredLink>());
                policies = [];
            }

            pending.Add(new PendingApplication(desired, app, policies, links));
        }

        // Planned once every file was read: a later file may convert a policy an earlier one already uses.
        // Both sides of an application's access are made only for one whose changes widen who gets in (see WideningExamples).
        var access = new Dictionary<string, Func<(ApplicationPolicies Before, ApplicationPolicies After)>>(StringComparer.Ordinal);
        foreach (var (desired, app, policies, links) in pending)
        {
            ImmutableArray<DesiredLink> refreshed = [.. links.Select(l => l with { Target = reusable.Refresh(l.Target) })];
            var planned = PlanApplication(desired, app, policies, refreshed, diagnostics, out var kept);
            plans.Add(planned);
            finalLinks[app.Id] = kept;
            if (planned.HasChanges)
            {
                var scope = liveOf[desired.File.Path].Scope;
                access[app.Id] = () => (LiveAccess.Of(app, scope), AccessAfter(app, policies, refreshed, planned.Unmanaged, scope));
            }
        }

        if (diagnostics.HasErrors())
        {
            return new PlanResult(null, [.. diagnostics.InReadingOrder()], []);
        }

        // A builder rather than ToImmutableSortedDictionary, whose sorting set of key-value pairs (structs) is
        // compiled on first use in every run. The first object of an id names it, as DistinctBy kept it.
        var names = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var named in live.Scopes.SelectMany(s => s.Groups.Concat(s.ServiceTokens).Concat(s.IdentityProviders)))
        {
            if (!names.ContainsKey(named.Id))
            {
                names.Add(named.Id, named.Name);
            }
        }

        var ordered = plans
            .OrderBy(p => p.App.FilePath, StringComparer.Ordinal)
            .ToImmutableArray();
        var accounts = project.Applications.Select(a => a.Scope)
            .Concat(project.ReusablePolicies.Select(r => r.Scope))
            .OfType<Scope>()
            .Where(s => s.Kind == ScopeKind.Account)
            .ToHashSet();
        var reusablePlans = ReusablePlanner.Plan(reusable, live, finalLinks, accounts, project.Config.Prune);
        if (!options.Targets.IsEmpty)
        {
            // A targeted plan touches account-wide policies only for the applications it covers.
            var covered = plans.Select(p => p.App.Name).ToHashSet(StringComparer.Ordinal);
            reusablePlans = [.. reusablePlans.Where(r => r.Apps.Any(covered.Contains))];
        }

        var plan = new Plan(ordered, names.ToImmutable(), project.Config.Safety) { Reusable = reusablePlans, AccessTests = AccessTestPlanner.Run(project, liveOf) };
        return new PlanResult(
            WideningExamples.Attach(plan, id => access.TryGetValue(id, out var sides) ? sides() : null),
            [.. diagnostics.InReadingOrder()],
            [.. options.Targets.Where(t => !matchedTargets.Contains(t))]);
    }

    /// <summary>
    /// An account application with no policy of its own gets its file's own policies as reusable policies: that
    /// works whether or not it accepts app-scoped ones, and Cloudflare refuses those on every application created
    /// today. An application that has app-scoped policies accepts them, and keeps getting them.
    /// </summary>
    private static bool OwnsReusablePolicies(LiveApplication app, ImmutableArray<DesiredPolicy> policies) =>
        app.Scope.Kind == ScopeKind.Account && !policies.IsEmpty && !app.OwnPolicies.Any();

    private static DesiredPolicy Owned(LiveApplication app, DesiredPolicy policy) =>
        policy.Renamed(ReusablePlan.OwnedName(app.Name, policy.Name)) with { Precedence = 0 };

    /// <summary>Whether a <c>--target</c> names this application: by its id, name or domain, or as its file does.</summary>
    private static bool Names(string target, LiveApplication app, DesiredApplication desired) =>
        string.Equals(target, app.Id, StringComparison.OrdinalIgnoreCase)
        || string.Equals(target, app.Name, StringComparison.OrdinalIgnoreCase)
        || string.Equals(target, app.Domain, StringComparison.OrdinalIgnoreCase)
        || string.Equals(target, desired.App.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>The live application a file manages, found as a plan finds it; null (with the reason in <paramref name="problem"/>) when none or several match.</summary>
    public static LiveApplication? FindLive(DesiredApplication desired, LiveState live, out string? problem)
    {
        var diagnostics = new List<Diagnostic>();
        var found = desired.Scope is { } scope && live.For(scope) is { } liveScope ? FindApplication(desired.App, liveScope, diagnostics) : null;
        problem = found is null ? diagnostics.FirstOrDefault()?.Message ?? "no account or zone for it" : null;
        return found;
    }

    private static LiveApplication? FindApplication(AppReference reference, LiveScope scope, List<Diagnostic> diagnostics)
    {
        var index = LiveScopeIndex.Of(scope);
        var lookup = reference.Kind switch
        {
            AppReferenceKind.Domain => ByDomain(index.WithDomain(reference.Value), reference.Value),
            AppReferenceKind.Id => index.Applications.ById(reference.Value) is { } byId
                ? new Lookup<LiveApplication>.Found(byId)
                : new Lookup<LiveApplication>.NotFound($"no Access application has the id `{reference.Value}`"),
            _ => index.Applications.Find(reference.Value, "Access application"),
        };

        switch (lookup)
        {
            case Lookup<LiveApplication>.Found found:
                return found.Value;
            case Lookup<LiveApplication>.Ambiguous ambiguous:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.AmbiguousApplication, ambiguous.Message, reference.Span));
                return null;
            case Lookup<LiveApplication>.NotFound notFound:
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.UnknownApplication,
                    $"{notFound.Message} in {scope.Scope}; AccessSync manages the policies of existing applications, so create the application first",
                    reference.Span));
                return null;
            default:
                return null;
        }
    }

    private static Lookup<LiveApplication> ByDomain(ImmutableArray<LiveApplication> candidates, string domain) => candidates.Length switch
    {
        1 => new Lookup<LiveApplication>.Found(candidates[0]),
        0 => new Lookup<LiveApplication>.NotFound($"no Access application has the domain `{domain}`"),
        _ => new Lookup<LiveApplication>.Ambiguous(
            $"{candidates.Length} Access applications have the domain `{domain}`: {string.Join(", ", candidates.Select(c => c.Id).Order(StringComparer.Ordinal))}; name the application by id instead"),
    };

    /// <param name="kept">The reusable policies attached to the application after the plan.</param>
    private static AppPlan PlanApplication(
        DesiredApplication desired,
        LiveApplication app,
        ImmutableArray<DesiredPolicy> policies,
        ImmutableArray<DesiredLink> links,
        List<Diagnostic> diagnostics,
        out IReadOnlyCollection<LinkTarget> kept)
    {
        // A policy of its own that the plan converts to a reusable one is, from then on, one of its reusable policies.
        var converting = links.Where(l => l.Target.Defined?.ConvertedFrom is not null).Select(l => l.Target.Id).ToHashSet(StringComparer.Ordinal);
        var own = app.OwnPolicies.Where(p => !converting.Contains(p.Id)).ToList();
        var matches = Match(policies, own, diagnostics);
        var matchedIds = matches.Values.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var unmatched = own.Where(p => !matchedIds.Contains(p.Id)).ToList();

        var liveLinks = app.Policies.Where(p => p.IsReusable || converting.Contains(p.Id)).ToList();
        var linkMatches = links
            .Select(l => new LinkMatch(l, l.Target.Id is { } id ? liveLinks.FirstOrDefault(p => p.Id == id) : null))
            .ToList();
        var linkedIds = linkMatches.Where(m => m.Live is not null).Select(m => m.Live!.Id).ToHashSet(StringComparer.Ordinal);
        var unlisted = liveLinks.Where(p => !linkedIds.Contains(p.Id)).ToList();

        var deletes = desired.Prune ? unmatched : [];
        var detaches = desired.Prune ? unlisted : [];
        var unmanaged = app.Policies
            .Where(p => !desired.Prune && (p.IsReusable || converting.Contains(p.Id) ? !linkedIds.Contains(p.Id) : !matchedIds.Contains(p.Id)))
            .Select(p => new UnmanagedPolicy(p.Id, p.Name, p.Precedence, p.IsReusable))
            .ToImmutableArray();
        kept = [.. links.Select(l => l.Target), .. unlisted.Where(_ => !desired.Prune).Select(p => new LinkTarget(p.Id, p.Name, WireNames.TryParseDecision(p.Decision), null))];

        foreach (var policy in policies)
        {
            CheckPrecedenceIsFree(policy.Name, policy.Precedence, policy.Span, unmanaged, desired.Prune, diagnostics);
        }

        foreach (var link in links)
        {
            CheckPrecedenceIsFree(link.Name, link.Precedence, link.Span, unmanaged, desired.Prune, diagnostics);
        }

        CheckNoReusableNameIsTaken(policies.Where(p => !matches.ContainsKey(p)), unlisted, diagnostics);

        var changes = new List<PolicyChange>();
        changes.AddRange(deletes
            .OrderBy(p => p.Precedence ?? int.MaxValue)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new DeletePolicy(p.Id, p.Name, WireNames.TryParseDecision(p.Decision), p.Precedence, PolicyDiff.ManagedFieldsOf(p.Raw), Fingerprint.Of(p.Raw))));
        changes.AddRange(detaches
            .OrderBy(p => p.Precedence ?? int.MaxValue)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => new DetachPolicy(p.Id, p.Name, WireNames.TryParseDecision(p.Decision), p.Precedence)));
        changes.AddRange(policies.Where(p => !matches.ContainsKey(p)).Select(p => new CreatePolicy(p)));
        changes.AddRange(linkMatches
            .Where(m => m.Live is null)
            .OrderBy(m => m.Link.Precedence)
            .Select(m => new AttachPolicy(m.Link.Target.Id, m.Link.Name, m.Link.Target.Decision ?? Decision.Allow, m.Link.Precedence)));

        var moves = new List<PrecedenceMove>();
        foreach (var policy in policies.Where(matches.ContainsKey))
        {
            var live = matches[policy];
            var fields = PolicyDiff.Changes(policy, live.Raw);
            if (!fields.IsEmpty)
            {
                changes.Add(new UpdatePolicy(live.Id, live.Name, policy, fields, Fingerprint.Of(live.Raw)));
            }

            if (live.Precedence != policy.Precedence)
            {
                moves.Add(new PrecedenceMove(live.Id, policy.Name, live.Precedence ?? 0, policy.Precedence, Fingerprint.Of(live.Raw)));
            }
        }

        foreach (var (link, live) in linkMatches.Where(m => m.Live is not null && m.Live.Precedence != m.Link.Precedence))
        {
            moves.Add(new PrecedenceMove(live!.Id, link.Name, live.Precedence ?? 0, link.Precedence, Fingerprint.Of(live.Raw)));
        }

        if (moves.Count > 0)
        {
            // Every policy both states have: those the plan places, and the live ones it keeps where they are.
            var decisions = app.Policies.ToDictionary(p => p.Id, p => p.Decision, StringComparer.Ordinal);
            List<Placed> placed =
            [
                .. matches.Select(m => new Placed(m.Key.Name, WireNames.Of(m.Key.Decision), m.Value.Precedence ?? 0, m.Key.Precedence)),
                .. linkMatches.Where(m => m.Live is not null).Select(m => new Placed(m.Link.Name, m.Live!.Decision, m.Live.Precedence ?? 0, m.Link.Precedence)),
                .. unmanaged.Where(k => k.Precedence is not null).Select(k => new Placed(k.Name, decisions[k.PolicyId], k.Precedence!.Value, k.Precedence.Value)),
            ];
            changes.Add(new ReorderPolicies([.. moves.OrderBy(m => m.To)], Overtakes(placed)) { OrderKept = OrderKept(placed) });
        }

        return new AppPlan(
            new AppTarget(app.Scope, app.Id, app.Name, desired.File.Path),
            [.. changes],
            unmanaged,
            app.Policies.Length,
            changes.Count > 0 ? Fingerprint.Of(app.Raw) : null);
    }

    /// <summary>
    /// The application's policies as Access will evaluate them once the plan is applied: its own as the files have
    /// them, each reusable policy it uses at its place (as a file defines it, or as it is live), and the live ones the
    /// plan keeps.
    /// </summary>
    private static ApplicationPolicies AccessAfter(LiveApplication app, ImmutableArray<DesiredPolicy> policies, ImmutableArray<DesiredLink> links, ImmutableArray<UnmanagedPolicy> kept, LiveScope scope)
    {
        LivePolicy? LiveById(string? id) => id is null ? null : app.Policies.FirstOrDefault(p => p.Id == id) ?? scope.ReusablePolicies.FirstOrDefault(p => p.Id == id);
        var keptIds = kept.Select(k => k.PolicyId).ToHashSet(StringComparer.Ordinal);
        return new ApplicationPolicies(
        [
            .. policies.Select(EvaluatedPolicy.From),
            .. links.Select(l => l.Target.Defined is { } defined
                ? EvaluatedPolicy.From(defined.Desired) with { Name = l.Name, Precedence = l.Precedence }
                : LiveById(l.Target.Id) is { } live ? LiveAccess.From(live, l.Precedence) is { } evaluated ? evaluated with { Name = l.Name, Precedence = l.Precedence } : null : null).OfType<EvaluatedPolicy>(),
            .. app.Policies.Where(p => keptIds.Contains(p.Id)).Select((p, index) => LiveAccess.From(p, p.Precedence ?? index + 1)).OfType<EvaluatedPolicy>(),
        ],
            LiveAccess.Groups(scope));
    }

    /// <summary>Whether every policy both states have, the kept ones included, comes in the same order after the plan as before.</summary>
    private static bool OrderKept(List<Placed> placed)
    {
        var before = placed.OrderBy(p => p.Before).ToList();
        for (var i = 1; i < before.Count; i++)
        {
            if (before[i - 1].After >= before[i].After)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Allow policies that the new order puts before a deny policy they came after. Bypass and service-auth
    /// policies are evaluated first whatever their place, so only allow against deny matters.
    /// </summary>
    /// <param name="placed">Each policy both states have, the kept ones included.</param>
    private static ImmutableArray<Overtake> Overtakes(List<Placed> placed) =>
    [
        .. from allow in placed
           where allow.Decision == "allow"
           from deny in placed
           where deny.Decision == "deny" && deny.Before < allow.Before && allow.After < deny.After
           orderby allow.After, deny.After
           select new Overtake(allow.Name, deny.Name),
    ];

    /// <summary>Pairs each desired policy with its live one: by explicit id first, then by name (exact, then in any case).</summary>
    private static Dictionary<DesiredPolicy, LivePolicy> Match(ImmutableArray<DesiredPolicy> policies, List<LivePolicy> own, List<Diagnostic> diagnostics)
    {
        var matches = new Dictionary<DesiredPolicy, LivePolicy>(ReferenceEqualityComparer.Instance);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in policies.Where(p => p.Id is not null))
        {
            var live = own.FirstOrDefault(p => string.Equals(p.Id, policy.Id, StringComparison.OrdinalIgnoreCase));
            if (live is null)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.PolicyIdNotFound,
                    $"policy `{policy.Name}` names the id {policy.Id}, but the application has no policy of its own with that id; remove `id` to create it",
                    policy.Span));
                continue;
            }

            matches[policy] = live;
            taken.Add(live.Id);
        }

        foreach (var comparison in new[] { StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase })
        {
            foreach (var policy in policies.Where(p => p.Id is null && !matches.ContainsKey(p)))
            {
                var live = own.FirstOrDefault(p => !taken.Contains(p.Id) && string.Equals(p.Name, policy.Name, comparison));
                if (live is not null)
                {
                    matches[policy] = live;
                    taken.Add(live.Id);
                }
            }
        }

        return matches;
    }

    /// <summary>A live policy the plan keeps but does not manage holds its precedence; a file policy may not take it.</summary>
    private static void CheckPrecedenceIsFree(string name, int precedence, SourceSpan span, ImmutableArray<UnmanagedPolicy> kept, bool prune, List<Diagnostic> diagnostics)
    {
        if (kept.FirstOrDefault(k => k.Precedence == precedence) is { } holder)
        {
            var why = (holder.IsReusable ? "a reusable policy attached to the application" : "a live policy of the application")
                + (prune ? " that no file manages" : " that this file does not list, kept because prune is off");
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.PrecedenceTaken,
                $"policy `{name}` would take precedence {precedence}, which `{holder.Name}` holds ({why}); give `{name}` an explicit precedence, or list `{holder.Name}` in the file",
                span));
        }
    }

    /// <summary>
    /// A new policy named like a reusable policy attached to the application, which the file does not use, would be
    /// a copy of it: almost surely the file meant the reusable one.
    /// </summary>
    private static void CheckNoReusableNameIsTaken(IEnumerable<DesiredPolicy> created, List<LivePolicy> unlisted, List<Diagnostic> diagnostics)
    {
        foreach (var policy in created)
        {
            if (unlisted.FirstOrDefault(k => string.Equals(k.Name, policy.Name, StringComparison.OrdinalIgnoreCase)) is { } reusable)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ReusableNameTaken,
                    $"policy `{policy.Name}` would be created beside the reusable policy `{reusable.Name}` attached to the application; write `- use: {reusable.Name}` to keep using the reusable policy, or rename this one",
                    policy.Span));
            }
        }
    }

    /// <summary>An application whose file has been read against live, waiting for every file to be read before it is planned.</summary>
    private sealed record PendingApplication(DesiredApplication Desired, LiveApplication App, ImmutableArray<DesiredPolicy> Policies, List<DesiredLink> Links);

    /// <summary>
    /// A desired link and the live policy it attaches, if attached. Records rather than tuples here and in
    /// <see cref="Placed"/>: LINQ over tuples is code the runtime compiles in every run, over classes it is shared.
    /// </summary>
    private sealed record LinkMatch(DesiredLink Link, LivePolicy? Live);

    /// <summary>A policy both states have: its name, decision (the API's word), and precedence before and after.</summary>
    private sealed record Placed(string Name, string Decision, int Before, int After);
}
