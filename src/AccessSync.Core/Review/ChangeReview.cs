using System.Collections.Immutable;
using AccessSync.Core.Planning;

namespace AccessSync.Core.Review;

/// <summary>What the review found about one change of the plan.</summary>
/// <param name="Section">The application the change is in; <see cref="AppTarget.ReusablePoliciesOf"/> for a change to a reusable policy.</param>
/// <param name="Change">The very change of the reviewed plan, by which renders find this review of it.</param>
/// <param name="Widenings">The ways it lets more requests in, in a stable order; empty when it does not.</param>
public sealed record ChangeReview(AppTarget Section, PolicyChange Change, ImmutableArray<Widening> Widenings);
