using System.Text.Json;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;
using AccessSync.Core.Planning;
using AccessSync.Core.Review;

namespace AccessSync.Core.PlanFiles;

/// <summary>
/// Writes a reviewed plan as the saved-plan document (<c>plan --out</c>), which is also the JSON render
/// (<c>--format json</c>). Key order is fixed and there is no timestamp, so equal plans give equal bytes;
/// <see cref="PlanFileReader.Read"/> gives back a plan equal in every rendered respect.
/// </summary>
public static class PlanFileWriter
{
    public static string Write(PlanReview review)
    {
        var plan = review.Plan;
        var document = new PlanDocument(
            Plan.FormatVersion,
            [.. plan.Applications.Select(Application)],
            plan.Names,
            new SafetyDocument(plan.Safety.MaxDeletePercent, plan.Safety.MaxUpdatePercent, plan.Safety.MinPolicies, plan.Safety.AllowEmptyApps),
            Summary(plan.Summary),
            [.. review.Widenings.Select(Widening)],
            plan.Reusable.IsEmpty ? null : [.. plan.Reusable.Select(Reusable)],
            plan.AccessTests is { } tests ? [.. tests.Cases.Select(AccessTest)] : null);
        return JsonSerializer.Serialize(document, PlanFileContext.Relaxed.PlanDocument) + "\n";
    }

    /// <summary>Attach and detach are written only when there are some, so a plan without reusable policies is written as it always was.</summary>
    private static SummaryDocument Summary(PlanSummary summary)
    {
        var reusable = summary.Attach > 0 || summary.Detach > 0;
        return new(summary.Create, summary.Update, summary.Delete, summary.Reorder, reusable ? summary.Attach : null, reusable ? summary.Detach : null);
    }

    private static WideningDocument Widening(Widening widening) => new(
        widening.App.Id,
        widening.App.Name,
        widening.PolicyName,
        JsonNamingPolicy.SnakeCaseLower.ConvertName(widening.Kind.ToString()),
        widening.Reason,
        widening.App.IsReusablePolicies ? widening.Apps : null,
        widening.Example is { } example ? new LetInDocument(example.Who, example.By) : null);

    private static AccessTestDocument AccessTest(AccessTestOutcome c) =>
        new(c.Path, c.Line, c.App, c.Case, c.Who, c.Passed, c.Expected, c.Desired, c.DesiredDecision, c.Live, c.LiveDecision);

    private static ReusableDocument Reusable(ReusablePlan reusable) => new(
        reusable.Account.Id,
        reusable.Name,
        reusable.FilePath,
        reusable.Change is { } change ? Change(change) : null,
        reusable.Apps,
        reusable.ConvertedFrom is { } owner ? new OwnerDocument(owner.Id, owner.Name, owner.FilePath) : null);

    private static ApplicationDocument Application(AppPlan app) => new(
        new AppDocument(PlanFileNames.Of(app.App.Scope.Kind), app.App.Scope.Id, app.App.Id, app.App.Name, app.App.FilePath),
        app.LivePolicyCount,
        app.Fingerprint is { } fingerprint ? Fingerprint(fingerprint) : null,
        [.. app.Changes.Select(Change)],
        [.. app.Unmanaged.Select(u => new UnmanagedDocument(u.PolicyId, u.Name, u.Precedence, u.IsReusable))],
        app.LetIn is { } example ? new LetInDocument(example.Who, example.By) : null);

    private static ChangeDocument Change(PolicyChange change) => change switch
    {
        DeletePolicy delete => new DeleteDocument(delete.PolicyId, delete.Name, Decision(delete.Decision), delete.Precedence, Values(delete.Before), Fingerprint(delete.Fingerprint)),
        CreatePolicy create => new CreateDocument(Desired(create.Desired)),
        UpdatePolicy update => new UpdateDocument(
            update.PolicyId,
            update.LiveName,
            Desired(update.Desired),
            [.. update.Fields.Select(f => new FieldDocument(f.Path, Value(f.Before), Value(f.After)))],
            Fingerprint(update.Fingerprint)),
        ReorderPolicies reorder => new ReorderDocument(
            [.. reorder.Moves.Select(m => new MoveDocument(m.PolicyId, m.PolicyName, m.From, m.To, Fingerprint(m.Fingerprint)))],
            [.. reorder.Overtakes.Select(o => new OvertakeDocument(o.Allow, o.Deny))],
            reorder.OrderKept),
        AttachPolicy attach => new AttachDocument(attach.PolicyId, attach.Name, WireNames.Of(attach.Decision), attach.Precedence),
        DetachPolicy detach => new DetachDocument(detach.PolicyId, detach.Name, Decision(detach.Decision), detach.Precedence),
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "a change kind the plan format does not know"),
    };

    /// <summary>A decision by its wire name; null for one this version does not know.</summary>
    private static string? Decision(Decision? decision) => decision is { } d ? WireNames.Of(d) : null;

    /// <summary>The desired policy's fields are read here only, through <see cref="DesiredPolicy.Fields"/>, as the planner made them.</summary>
    private static PolicyDocument Desired(DesiredPolicy desired) => new(
        desired.Name,
        WireNames.Of(desired.Decision),
        desired.Precedence,
        desired.Id,
        Values(desired.Fields),
        new SpanDocument(desired.Span.Path, desired.Span.Line, desired.Span.Column));

    /// <summary>Managed fields in display order, each a JSON value.</summary>
    private static OrderedDictionary<string, JsonElement> Values(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.OrderBy(v => v.Key, Comparer<string>.Create(PolicyFields.Compare)).Select(v => KeyValuePair.Create(v.Key, Value(v.Value))));

    /// <summary>A JSON text as the JSON value it holds, written indented like the rest of the document.</summary>
    private static JsonElement Value(string json)
    {
        using var parsed = JsonDocument.Parse(json);
        return parsed.RootElement.Clone();
    }

    private static FingerprintDocument Fingerprint(Fingerprint fingerprint) => new(fingerprint.UpdatedAt, fingerprint.ContentHash);
}
