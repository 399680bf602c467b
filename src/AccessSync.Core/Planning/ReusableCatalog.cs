using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Core.Planning;

/// <summary>A reusable policy a file defines: a reusable-policy file, or an application file that owns it.</summary>
/// <param name="Desired">Its managed fields; its precedence is 0, since a reusable policy has none of its own.</param>
/// <param name="Live">The live reusable policy it matched (by explicit id, else by name), or null when the plan creates it.</param>
/// <param name="ConvertedFrom">The application whose own policy <see cref="Live"/> is, converted to this reusable policy by the plan.</param>
internal sealed record DefinedReusable(Scope Account, string FilePath, DesiredPolicy Desired, LivePolicy? Live, AppTarget? ConvertedFrom = null)
{
    public string Name => Desired.Name;
}

/// <summary>
/// The reusable policies of each account the plan covers: the ones the files define, matched to live ones, and
/// the live ones no file defines. An application's <c>use</c> entries are resolved here.
/// </summary>
internal sealed class ReusableCatalog
{
    private readonly Dictionary<Scope, List<DefinedReusable>> defined = [];
    private readonly HashSet<string> claimed = new(StringComparer.Ordinal);

    public IEnumerable<DefinedReusable> Defined(Scope account) => defined.GetValueOrDefault(account) ?? [];

    /// <summary>Live reusable policies that the files define (ids), so the rest can be told apart.</summary>
    public bool IsDefined(string liveId) => claimed.Contains(liveId);

    public static ReusableCatalog Build(Project project, LiveState live, List<Diagnostic> diagnostics)
    {
        var catalog = new ReusableCatalog();
        foreach (var reusable in project.ReusablePolicies)
        {
            var span = reusable.Policy.Spans.Policy;
            if (reusable.Scope is not { Kind: ScopeKind.Account } account)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.ReusableNeedsAccount,
                    reusable.Scope is null
                        ? "no account for this reusable policy: set account_id in the file or in accesssync.yaml, pass --account-id, or set CLOUDFLARE_ACCOUNT_ID"
                        : $"reusable policies belong to an account, and this file's scope is {reusable.Scope}; set account_id for it",
                    span));
                continue;
            }

            var liveScope = live.For(account) ?? throw new ArgumentException($"the live state has no {account}", nameof(live));
            var builder = new DesiredPolicyBuilder(liveScope);
            var desired = builder.Build(reusable.Policy, 0);
            diagnostics.AddRange(builder.Diagnostics);
            catalog.Add(account, reusable.File.Path, desired, liveScope, diagnostics);
        }

        return catalog;
    }

    /// <summary>Adds a definition, matching it to a live reusable policy by explicit id, else by name (exact, then in any case).</summary>
    public DefinedReusable? Add(Scope account, string filePath, DesiredPolicy desired, LiveScope liveScope, List<Diagnostic> diagnostics)
    {
        var list = defined.TryGetValue(account, out var existing) ? existing : defined[account] = [];
        if (list.FirstOrDefault(d => string.Equals(d.Name, desired.Name, StringComparison.OrdinalIgnoreCase)) is { } twin)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.DuplicateReusablePolicy,
                $"a reusable policy named `{twin.Name}` is already defined by {twin.FilePath}; reusable policies of one account need their own names",
                desired.Span));
            return null;
        }

        LivePolicy? match;
        if (desired.Id is { } id)
        {
            match = liveScope.ReusablePolicies.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.PolicyIdNotFound,
                    $"reusable policy `{desired.Name}` names the id {id}, but {account} has no reusable policy with that id; remove `id` to create it",
                    desired.Span));
                return null;
            }
        }
        else
        {
            match = NameLookup.ByName([.. liveScope.ReusablePolicies.Where(p => !claimed.Contains(p.Id))], desired.Name, p => p.Name);
        }

        if (match is not null)
        {
            claimed.Add(match.Id);
        }

        var entry = new DefinedReusable(account, filePath, desired, match);
        list.Add(entry);
        return entry;
    }

    /// <summary>A link resolved earlier, as the catalog has it now (a conversion may have matched it to a live policy since).</summary>
    public LinkTarget Refresh(LinkTarget target) =>
        target.Defined is { } old && Defined(old.Account).FirstOrDefault(d => d.Name == old.Name) is { } now && !ReferenceEquals(now, old)
            ? LinkTarget.To(now)
            : target;

    /// <summary>
    /// A reusable policy that no live one matches, used by an application that has a policy of its own of that name
    /// (which its file no longer lists), is that policy moved to a reusable-policy file: the plan converts it with
    /// <c>make_reusable</c>, keeping its id and its place, rather than creating a copy and deleting the original.
    /// Only one application's policy can become it; the first file, in path order, wins.
    /// </summary>
    public LinkTarget? TryConvert(LinkTarget target, LiveApplication app, string filePath, IReadOnlySet<string> listedNames)
    {
        if (target is not { Id: null, Defined: { Live: null, ConvertedFrom: null } defined }
            || listedNames.Contains(defined.Name)
            || app.OwnPolicies.FirstOrDefault(p => string.Equals(p.Name, defined.Name, StringComparison.OrdinalIgnoreCase)) is not { } legacy)
        {
            return null;
        }

        var list = this.defined[defined.Account];
        var converted = defined with { Live = legacy, ConvertedFrom = new AppTarget(app.Scope, app.Id, app.Name, filePath) };
        list[list.IndexOf(defined)] = converted;
        claimed.Add(legacy.Id);
        return target with { Id = legacy.Id, Defined = converted };
    }

    /// <summary>
    /// The reusable policy a <c>use</c> entry names: one a file defines, else a live one of the account (by name or id).
    /// A miss is a located error that lists the nearest names.
    /// </summary>
    public LinkTarget? Resolve(ReusableUse use, Scope scope, LiveScope liveScope, List<Diagnostic> diagnostics)
    {
        if (scope.Kind != ScopeKind.Account)
        {
            diagnostics.Add(Diagnostic.Error(
                DiagnosticCodes.ReusableNeedsAccount,
                $"`use: {use.Name}`: reusable policies belong to accounts, and this application is in {scope}; write the policy out in the file instead",
                use.Span));
            return null;
        }

        var mine = Defined(scope).ToList();
        if (NameLookup.ByName(mine, use.Name, d => d.Name) is { } file)
        {
            return LinkTarget.To(file);
        }

        var undefined = liveScope.ReusablePolicies.Where(p => !claimed.Contains(p.Id)).ToList();
        switch (NameLookup.Find(undefined, use.Name, p => p.Id, p => p.Name, "reusable policy"))
        {
            case Lookup<LivePolicy>.Found found:
                return new LinkTarget(found.Value.Id, found.Value.Name, WireNames.TryParseDecision(found.Value.Decision), null);
            case Lookup<LivePolicy>.Ambiguous ambiguous:
                diagnostics.Add(Diagnostic.Error(DiagnosticCodes.AmbiguousReference, ambiguous.Message, use.Span));
                return null;
            case Lookup<LivePolicy>.NotFound:
                var known = mine.Select(d => d.Name).Concat(undefined.Select(p => p.Name)).ToList();
                var nearest = NameLookup.Find(known, use.Name, n => n, n => n, "reusable policy") as Lookup<string>.NotFound;
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.UnknownReusablePolicy,
                    $"{nearest?.Message ?? $"no reusable policy is named `{use.Name}`"} in {scope}; define it in a file under reusable/, or create it in Cloudflare",
                    use.Span));
                return null;
            default:
                return null;
        }
    }
}

/// <summary>The reusable policy a <c>use</c> entry (or an owned policy) attaches.</summary>
/// <param name="Id">Its live id; null when the plan creates it.</param>
/// <param name="Defined">The file definition, when a file defines it.</param>
internal sealed record LinkTarget(string? Id, string Name, Decision? Decision, DefinedReusable? Defined)
{
    public static LinkTarget To(DefinedReusable defined) => new(defined.Live?.Id, defined.Name, defined.Desired.Decision, defined);
}

/// <summary>A reusable policy an application should have attached, at a precedence.</summary>
internal sealed record DesiredLink(LinkTarget Target, int Precedence, SourceSpan Span)
{
    public string Name => Target.Name;
}
