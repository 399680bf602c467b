using System.Collections.Immutable;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Review;

/// <summary>One change that widens access, and why, in a few words a reviewer reads next to the change.</summary>
/// <param name="App">The application the change is in; <see cref="AppTarget.ReusablePoliciesOf"/> for a change to a reusable policy.</param>
public sealed record Widening(AppTarget App, string PolicyName, WideningKind Kind, string Reason)
{
    /// <summary>For a change to a reusable policy, the applications it widens access to: every one that uses it.</summary>
    public ImmutableArray<string> Apps { get; init; } = [];

    /// <summary>
    /// It lets in requests that were refused, rather than only asking less of those let in (a longer session, a check
    /// turned off): a request can show it.
    /// </summary>
    public bool LetsMoreIn => Kind is not (WideningKind.LongerSession or WideningKind.CheckDisabled);

    /// <summary>A request the plan lets in that live refuses, and by which policy when another: the proof of the widening.</summary>
    public LetInExample? Example { get; init; }

    /// <summary>The reason, and the example when there is one, as the plan shows them.</summary>
    public string Text => Example is not { } example
        ? Reason
        : $"{Reason}; e.g. {example.Who} now gets in" + (example.By.Length == 0 || example.By == PolicyName ? string.Empty : $" (by \"{example.By}\")");
}
