using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Planning;
using AccessSync.Core.Wire;

namespace AccessSync.Core.PlanFiles;

/// <summary>
/// Reads a saved plan (<c>apply --plan</c>, <c>github-comment --plan</c>): the format version first, then the
/// document of that version. What it holds for people (summary, widenings) is not read: the plan read is reviewed
/// again, as any plan is. A file that is not one gives a <see cref="PlanFormatException"/> that says where.
/// </summary>
public static class PlanFileReader
{
    public static Plan Read(string text)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new PlanFormatException($"the plan is not valid JSON: {e.Message}", e);
        }

        using (parsed)
        {
            CheckVersion(parsed.RootElement);
            PlanDocument document;
            try
            {
                document = parsed.Deserialize(PlanFileContext.Relaxed.PlanDocument)!;
            }
            catch (JsonException e)
            {
                throw new PlanFormatException(PlanFormatErrors.Describe(e, parsed.RootElement, PlanFileContext.Relaxed), e);
            }

            return PlanOf(document);
        }
    }

    /// <summary>The version is read before the rest, so that a plan of another version is refused as such, not for a member it lacks.</summary>
    private static void CheckVersion(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PlanFormatException($"$: expected an object, found {PlanFormatErrors.Kind(root)}");
        }

        if (!root.TryGetProperty("format_version", out var version))
        {
            throw new PlanFormatException("not an AccessSync plan: it has no format_version");
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != Plan.FormatVersion)
        {
            throw new PlanFormatException(
                $"the plan has format_version {version.GetRawText()}; this AccessSync reads format_version {Plan.FormatVersion} (make the plan again with this version)");
        }
    }

    private static Plan PlanOf(PlanDocument document) => new(
        [.. document.Applications.Select((a, i) => Application(a, $"applications[{i}]"))],
        document.Names.ToImmutableSortedDictionary(StringComparer.Ordinal),
        new SafetyOptions(document.Safety.MaxDeletePercent, document.Safety.MaxUpdatePercent, document.Safety.MinPolicies, document.Safety.AllowEmptyApps))
    {
        Reusable = document.Reusable is { } reusable ? [.. reusable.Select((r, i) => Reusable(r, $"reusable[{i}]"))] : [],
        AccessTests = document.AccessTests is { } tests
            ? new PlannedAccessTests([.. tests.Select(c => new AccessTestOutcome(c.File, c.Line, c.App, c.Case, c.Who, c.Passed, c.Expected, c.Desired, c.DesiredDecision, c.Live, c.LiveDecision))])
            : null,
    };

    private static AppPlan Application(ApplicationDocument app, string path) => new(
        new AppTarget(
            new Scope(OneOf(app.App.ScopeKind, Enum.GetValues<ScopeKind>(), PlanFileNames.Of, $"{path}.app.scope_kind"), app.App.ScopeId),
            app.App.Id,
            app.App.Name,
            app.App.File),
        [.. app.Changes.Select((c, i) => Change(c, $"{path}.changes[{i}]"))],
        [.. app.Unmanaged.Select(u => new UnmanagedPolicy(u.PolicyId, u.Name, u.Precedence, u.Reusable))],
        app.LivePolicyCount,
        app.Fingerprint is { } fingerprint ? Fingerprint(fingerprint) : null)
    {
        LetIn = app.LetIn is { } example ? new LetInExample(example.Who, example.By) : null,
    };

    private static ReusablePlan Reusable(ReusableDocument reusable, string path)
    {
        var account = Scope.Account(reusable.Account);
        return new ReusablePlan(
            account,
            reusable.Name,
            reusable.File,
            reusable.Change is { } document ? Change(document, $"{path}.change") switch
            {
                var c and (CreatePolicy or UpdatePolicy or DeletePolicy) => c,
                var c => throw new PlanFormatException($"{path}.change.kind: a reusable policy is created, updated or deleted, not {c.Kind.Verb()}"),
            } : null,
            reusable.Apps)
        {
            ConvertedFrom = reusable.ConvertedFrom is { } owner ? new AppTarget(account, owner.AppId, owner.AppName, owner.File) : null,
        };
    }

    private static PolicyChange Change(ChangeDocument change, string path) => change switch
    {
        DeleteDocument delete => new DeletePolicy(
            delete.PolicyId,
            delete.Name,
            DecisionOrNull(delete.Decision, $"{path}.decision"),
            delete.Precedence,
            Values(delete.Before),
            Fingerprint(delete.Fingerprint)),
        CreateDocument create => new CreatePolicy(Desired(create.Policy, $"{path}.policy")),
        UpdateDocument update => new UpdatePolicy(
            update.PolicyId,
            update.LiveName,
            Desired(update.Policy, $"{path}.policy"),
            [.. update.Fields.Select(f => new FieldChange(f.Path, Text(f.Before), Text(f.After)))],
            Fingerprint(update.Fingerprint)),
        AttachDocument attach => new AttachPolicy(attach.PolicyId, attach.Name, DecisionOf(attach.Decision, $"{path}.decision"), attach.Precedence),
        DetachDocument detach => new DetachPolicy(detach.PolicyId, detach.Name, DecisionOrNull(detach.Decision, $"{path}.decision"), detach.Precedence),
        ReorderDocument reorder => new ReorderPolicies(
            [.. reorder.Moves.Select(m => new PrecedenceMove(m.PolicyId, m.PolicyName, m.From, m.To, Fingerprint(m.Fingerprint)))],
            [.. reorder.Overtakes.Select(o => new Overtake(o.Allow, o.Deny))])
        {
            OrderKept = reorder.OrderKept,
        },
        _ => throw new PlanFormatException($"{path}: `kind` is missing"),
    };

    /// <summary>The typed policy whose managed fields the file records; its name and decision are the file's own members.</summary>
    private static DesiredPolicy Desired(PolicyDocument policy, string path) =>
        PolicyWire.ReadDesired(policy.Precedence, policy.Id, policy.Fields, new SourceSpan(policy.Span.Path, policy.Span.Line, policy.Span.Column))
            with
        { Name = policy.Name, Decision = DecisionOf(policy.Decision, $"{path}.decision") };

    private static Decision DecisionOf(string name, string path) => OneOf(name, Enum.GetValues<Decision>(), WireNames.Of, path);

    private static Decision? DecisionOrNull(string? name, string path) => name is null ? null : DecisionOf(name, path);

    private static T OneOf<T>(string text, IEnumerable<T> values, Func<T, string> name, string path)
    {
        var all = values.ToList();
        foreach (var value in all.Where(v => name(v) == text))
        {
            return value;
        }

        throw new PlanFormatException($"{path}: expected one of {string.Join(", ", all.Select(name))}, found \"{text}\"");
    }

    private static ImmutableSortedDictionary<string, string> Values(IReadOnlyDictionary<string, JsonElement> values) =>
        values.ToImmutableSortedDictionary(v => v.Key, v => Text(v.Value), StringComparer.Ordinal);

    /// <summary>The value as the compact JSON text the planner makes, so a read plan compares equal to the written one.</summary>
    private static string Text(JsonElement value) => JsonNode.Parse(value.GetRawText())?.ToJsonString() ?? "null";

    private static Fingerprint Fingerprint(FingerprintDocument fingerprint) => new(fingerprint.UpdatedAt, fingerprint.ContentHash);
}
