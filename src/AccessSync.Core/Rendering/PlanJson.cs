using System.Collections.Immutable;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Normalization;
using AccessSync.Core.Planning;
using AccessSync.Core.Wire;

namespace AccessSync.Core.Rendering;

/// <summary>
/// The saved-plan format (<c>plan --out</c>, <c>apply --plan</c>) and the JSON render for machines: a versioned
/// document written member by member, so the format is what this file says and not what a serialiser infers.
/// Field values are JSON, not strings holding JSON. Key order is fixed and there is no timestamp, so equal plans
/// give equal bytes. <see cref="Read"/> gives back a plan equal in every rendered respect.
/// </summary>
/// <remarks>
/// The parts for reusable policies (<c>reusable</c>, and <c>attach</c> and <c>detach</c> in the summary) are
/// written only when the plan has some, so a plan without them is written as it was before they existed, and a
/// plan saved then reads as one with none.
/// </remarks>
public static class PlanJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",

        // A file for people to read too: names and reasons in their own letters. It is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(Plan plan)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("format_version", Plan.FormatVersion);
            WriteSummary(json, plan.Summary);
            WriteWidenings(json, AccessWidening.Find(plan));
            if (!plan.Reusable.IsEmpty)
            {
                json.WriteStartArray("reusable");
                foreach (var reusable in plan.Reusable)
                {
                    WriteReusable(json, reusable);
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("applications");
            foreach (var app in plan.Applications)
            {
                WriteApplication(json, app);
            }

            json.WriteEndArray();
            json.WriteStartObject("names");
            foreach (var (id, name) in plan.Names)
            {
                json.WriteString(id, name);
            }

            json.WriteEndObject();
            WriteSafety(json, plan.Safety);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>A plan from its saved form; a <see cref="PlanFormatException"/> names what is wrong when it is not one.</summary>
    public static Plan Read(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new PlanFormatException($"the plan is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = Node.Root(document.RootElement);
            var version = root.OptionalMember("format_version")
                ?? throw new PlanFormatException("not an AccessSync plan: it has no format_version");
            if (version.Element.ValueKind != JsonValueKind.Number || !version.Element.TryGetInt32(out var number) || number != Plan.FormatVersion)
            {
                throw new PlanFormatException(
                    $"the plan has format_version {version.Element.GetRawText()}; this AccessSync reads format_version {Plan.FormatVersion} (make the plan again with this version)");
            }

            return new Plan(
                [.. root.Member("applications").Items().Select(ReadApplication)],
                root.Member("names").Members().ToImmutableSortedDictionary(m => m.Name, m => m.Value.String(), StringComparer.Ordinal),
                ReadSafety(root.Member("safety")))
            {
                Reusable = root.OptionalMember("reusable") is { } reusable ? [.. reusable.Items().Select(ReadReusable)] : [],
            };
        }
    }

    /// <summary>The thresholds apply checks a saved plan against: those of the configuration it was made from.</summary>
    private static void WriteSafety(Utf8JsonWriter json, SafetyOptions safety)
    {
        json.WriteStartObject("safety");
        json.WriteNumber("max_delete_percent", safety.MaxDeletePercent);
        json.WriteNumber("max_update_percent", safety.MaxUpdatePercent);
        json.WriteNumber("min_policies", safety.MinPolicies);
        json.WriteBoolean("allow_empty_apps", safety.AllowEmptyApps);
        json.WriteEndObject();
    }

    private static SafetyOptions ReadSafety(Node safety) => new(
        safety.Member("max_delete_percent").Decimal(),
        safety.Member("max_update_percent").Decimal(),
        safety.Member("min_policies").Int(),
        safety.Member("allow_empty_apps").Boolean());

    private static void WriteSummary(Utf8JsonWriter json, PlanSummary summary)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("create", summary.Create);
        json.WriteNumber("update", summary.Update);
        json.WriteNumber("delete", summary.Delete);
        json.WriteNumber("reorder", summary.Reorder);
        if (summary.Attach > 0 || summary.Detach > 0)
        {
            json.WriteNumber("attach", summary.Attach);
            json.WriteNumber("detach", summary.Detach);
        }

        json.WriteEndObject();
    }

    private static void WriteWidenings(Utf8JsonWriter json, ImmutableArray<Widening> widenings)
    {
        json.WriteStartArray("widening");
        foreach (var w in widenings)
        {
            json.WriteStartObject();
            json.WriteString("app_id", w.App.Id);
            json.WriteString("app", w.App.Name);
            json.WriteString("policy", w.PolicyName);
            json.WriteString("kind", SnakeCase(w.Kind.ToString()));
            json.WriteString("reason", w.Reason);
            if (w.App.IsReusablePolicies)
            {
                // Under the reusable policies, app_id is empty: these are the applications the widening reaches.
                WriteStrings(json, "apps", w.Apps);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>A reusable policy: its account (reusable policies belong to accounts only), its change or null, and the applications using it.</summary>
    private static void WriteReusable(Utf8JsonWriter json, ReusablePlan reusable)
    {
        json.WriteStartObject();
        json.WriteString("account", reusable.Account.Id);
        json.WriteString("name", reusable.Name);
        json.WriteString("file", reusable.FilePath);
        if (reusable.Change is { } change)
        {
            json.WritePropertyName("change");
            WriteChange(json, change);
        }
        else
        {
            json.WriteNull("change");
        }

        WriteStrings(json, "apps", reusable.Apps);
        if (reusable.ConvertedFrom is { } owner)
        {
            // Apply converts the application's own policy with make_reusable before it updates it.
            json.WriteStartObject("converted_from");
            json.WriteString("app_id", owner.Id);
            json.WriteString("app_name", owner.Name);
            json.WriteString("file", owner.FilePath);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteApplication(Utf8JsonWriter json, AppPlan app)
    {
        json.WriteStartObject();
        json.WriteStartObject("app");
        json.WriteString("scope_kind", ScopeKindName(app.App.Scope.Kind));
        json.WriteString("scope_id", app.App.Scope.Id);
        json.WriteString("id", app.App.Id);
        json.WriteString("name", app.App.Name);
        json.WriteString("file", app.App.FilePath);
        json.WriteEndObject();
        json.WriteNumber("live_policy_count", app.LivePolicyCount);
        if (app.Fingerprint is { } fingerprint)
        {
            WriteFingerprint(json, fingerprint);
        }
        else
        {
            json.WriteNull("fingerprint");
        }
        json.WriteStartArray("changes");
        foreach (var change in app.Changes)
        {
            WriteChange(json, change);
        }

        json.WriteEndArray();
        json.WriteStartArray("unmanaged");
        foreach (var u in app.Unmanaged)
        {
            json.WriteStartObject();
            json.WriteString("policy_id", u.PolicyId);
            json.WriteString("name", u.Name);
            WriteNumberOrNull(json, "precedence", u.Precedence);
            json.WriteBoolean("reusable", u.IsReusable);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteChange(Utf8JsonWriter json, PolicyChange change)
    {
        json.WriteStartObject();
        json.WriteString("kind", change.Kind.Verb());
        switch (change)
        {
            case DeletePolicy delete:
                json.WriteString("policy_id", delete.PolicyId);
                json.WriteString("name", delete.Name);
                WriteDecision(json, delete.Decision);
                WriteNumberOrNull(json, "precedence", delete.Precedence);
                WriteValues(json, "before", delete.Before);
                WriteFingerprint(json, delete.Fingerprint);
                break;
            case CreatePolicy create:
                WriteDesired(json, create.Desired);
                break;
            case UpdatePolicy update:
                json.WriteString("policy_id", update.PolicyId);
                json.WriteString("live_name", update.LiveName);
                WriteDesired(json, update.Desired);
                json.WriteStartArray("fields");
                foreach (var field in update.Fields)
                {
                    json.WriteStartObject();
                    json.WriteString("path", field.Path);
                    WriteValue(json, "before", field.Before);
                    WriteValue(json, "after", field.After);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                WriteFingerprint(json, update.Fingerprint);
                break;
            case ReorderPolicies reorder:
                json.WriteStartArray("moves");
                foreach (var move in reorder.Moves)
                {
                    json.WriteStartObject();
                    json.WriteString("policy_id", move.PolicyId);
                    json.WriteString("policy_name", move.PolicyName);
                    json.WriteNumber("from", move.From);
                    json.WriteNumber("to", move.To);
                    WriteFingerprint(json, move.Fingerprint);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("overtakes");
                foreach (var overtake in reorder.Overtakes)
                {
                    json.WriteStartObject();
                    json.WriteString("allow", overtake.Allow);
                    json.WriteString("deny", overtake.Deny);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case AttachPolicy attach:
                json.WriteString("policy_id", attach.PolicyId);
                json.WriteString("name", attach.Name);
                WriteDecision(json, attach.Decision);
                json.WriteNumber("precedence", attach.Precedence);
                break;
            case DetachPolicy detach:
                json.WriteString("policy_id", detach.PolicyId);
                json.WriteString("name", detach.Name);
                WriteDecision(json, detach.Decision);
                WriteNumberOrNull(json, "precedence", detach.Precedence);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "a change kind the plan format does not know");
        }

        json.WriteEndObject();
    }

    /// <summary>A decision by its wire name; null for one this version does not know (a live policy's, kept as the API wrote it).</summary>
    private static void WriteDecision(Utf8JsonWriter json, Decision? decision) =>
        json.WriteString("decision", decision is { } d ? WireNames.Of(d) : null);

    private static void WriteDesired(Utf8JsonWriter json, DesiredPolicy desired)
    {
        json.WriteStartObject("policy");
        json.WriteString("name", desired.Name);
        json.WriteString("decision", WireNames.Of(desired.Decision));
        json.WriteNumber("precedence", desired.Precedence);
        json.WriteString("id", desired.Id);
        WriteValues(json, "fields", desired.Fields);
        json.WriteStartObject("span");
        json.WriteString("path", desired.Span.Path);
        json.WriteNumber("line", desired.Span.Line);
        json.WriteNumber("column", desired.Span.Column);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, ImmutableSortedDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach (var (path, value) in values.OrderBy(v => v.Key, Comparer<string>.Create(PolicyFields.Compare)))
        {
            WriteValue(json, path, value);
        }

        json.WriteEndObject();
    }

    /// <summary>A JSON text written as the JSON value it holds, indented like the rest of the document.</summary>
    private static void WriteValue(Utf8JsonWriter json, string name, string value)
    {
        using var parsed = JsonDocument.Parse(value);
        json.WritePropertyName(name);
        parsed.RootElement.WriteTo(json);
    }

    private static void WriteFingerprint(Utf8JsonWriter json, Fingerprint fingerprint)
    {
        json.WriteStartObject("fingerprint");
        json.WriteString("updated_at", fingerprint.UpdatedAt);
        json.WriteString("content_hash", fingerprint.ContentHash);
        json.WriteEndObject();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static AppPlan ReadApplication(Node app)
    {
        var target = app.Member("app");
        return new AppPlan(
            new AppTarget(
                new Scope(target.Member("scope_kind").OneOf(ScopeKindName, Enum.GetValues<ScopeKind>()), target.Member("scope_id").String()),
                target.Member("id").String(),
                target.Member("name").String(),
                target.Member("file").String()),
            [.. app.Member("changes").Items().Select(ReadChange)],
            [.. app.Member("unmanaged").Items().Select(u => new UnmanagedPolicy(
                u.Member("policy_id").String(),
                u.Member("name").String(),
                u.Member("precedence").IntOrNull(),
                u.Member("reusable").Boolean()))],
            app.Member("live_policy_count").Int(),
            app.Member("fingerprint").Element.ValueKind == JsonValueKind.Null ? null : ReadFingerprint(app.Member("fingerprint")));
    }

    private static ReusablePlan ReadReusable(Node reusable)
    {
        var change = reusable.Member("change");
        var account = Scope.Account(reusable.Member("account").String());
        return new ReusablePlan(
            account,
            reusable.Member("name").String(),
            reusable.Member("file").String(),
            change.Element.ValueKind == JsonValueKind.Null ? null : ReadChange(change) switch
            {
                var c and (CreatePolicy or UpdatePolicy or DeletePolicy) => c,
                var c => throw new PlanFormatException($"{change.Path}.kind: a reusable policy is created, updated or deleted, not {c.Kind.Verb()}"),
            },
            [.. reusable.Member("apps").Items().Select(a => a.String())])
        {
            ConvertedFrom = reusable.OptionalMember("converted_from") is { } owner
                ? new AppTarget(account, owner.Member("app_id").String(), owner.Member("app_name").String(), owner.Member("file").String())
                : null,
        };
    }

    private static PolicyChange ReadChange(Node change) =>
        change.Member("kind").OneOf(ChangeKinds.Verb, Enum.GetValues<ChangeKind>()) switch
        {
            ChangeKind.Delete => new DeletePolicy(
                change.Member("policy_id").String(),
                change.Member("name").String(),
                ReadDecisionOrNull(change.Member("decision")),
                change.Member("precedence").IntOrNull(),
                ReadValues(change.Member("before")),
                ReadFingerprint(change.Member("fingerprint"))),
            ChangeKind.Create => new CreatePolicy(ReadDesired(change.Member("policy"))),
            ChangeKind.Update => new UpdatePolicy(
                change.Member("policy_id").String(),
                change.Member("live_name").String(),
                ReadDesired(change.Member("policy")),
                [.. change.Member("fields").Items().Select(f => new FieldChange(f.Member("path").String(), f.Member("before").JsonText(), f.Member("after").JsonText()))],
                ReadFingerprint(change.Member("fingerprint"))),
            ChangeKind.Attach => new AttachPolicy(
                change.Member("policy_id").StringOrNull(),
                change.Member("name").String(),
                ReadDecision(change.Member("decision")),
                change.Member("precedence").Int()),
            ChangeKind.Detach => new DetachPolicy(
                change.Member("policy_id").String(),
                change.Member("name").String(),
                ReadDecisionOrNull(change.Member("decision")),
                change.Member("precedence").IntOrNull()),
            _ => new ReorderPolicies([.. change.Member("moves").Items().Select(m => new PrecedenceMove(
                m.Member("policy_id").String(),
                m.Member("policy_name").String(),
                m.Member("from").Int(),
                m.Member("to").Int(),
                ReadFingerprint(m.Member("fingerprint"))))],
                [.. change.Member("overtakes").Items().Select(o => new Overtake(o.Member("allow").String(), o.Member("deny").String()))]),
        };

    private static DesiredPolicy ReadDesired(Node policy)
    {
        var span = policy.Member("span");
        var desired = PolicyWire.ReadDesired(
            policy.Member("precedence").Int(),
            policy.Member("id").StringOrNull(),
            ReadValues(policy.Member("fields")),
            new SourceSpan(span.Member("path").String(), span.Member("line").Int(), span.Member("column").Int()));
        return desired with { Name = policy.Member("name").String(), Decision = ReadDecision(policy.Member("decision")) };
    }

    private static Decision ReadDecision(Node decision) => decision.OneOf(WireNames.Of, Enum.GetValues<Decision>());

    private static Decision? ReadDecisionOrNull(Node decision) => decision.StringOrNull() is null ? null : ReadDecision(decision);

    private static ImmutableSortedDictionary<string, string> ReadValues(Node values) =>
        values.Members().ToImmutableSortedDictionary(m => m.Name, m => m.Value.JsonText(), StringComparer.Ordinal);

    private static Fingerprint ReadFingerprint(Node fingerprint) =>
        new(fingerprint.Member("updated_at").StringOrNull(), fingerprint.Member("content_hash").String());

    private static string ScopeKindName(ScopeKind kind) => kind.ToString().ToLowerInvariant();

    private static string SnakeCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>A JSON value with where it is in the document, so that every complaint says where.</summary>
    private readonly record struct Node(JsonElement Element, string Path)
    {
        public static Node Root(JsonElement element) => new(element, "$");

        public Node Member(string name) =>
            OptionalMember(name) ?? throw new PlanFormatException($"{Path}: `{name}` is missing");

        public Node? OptionalMember(string name)
        {
            Expect(JsonValueKind.Object, "an object");
            return Element.TryGetProperty(name, out var value) ? new Node(value, Path == "$" ? name : $"{Path}.{name}") : null;
        }

        public IEnumerable<(string Name, Node Value)> Members()
        {
            Expect(JsonValueKind.Object, "an object");
            var path = Path;
            return Element.EnumerateObject().Select(p => (p.Name, new Node(p.Value, $"{path}[\"{p.Name}\"]"))).ToList();
        }

        public IEnumerable<Node> Items()
        {
            Expect(JsonValueKind.Array, "an array");
            var path = Path;
            return Element.EnumerateArray().Select((e, i) => new Node(e, $"{path}[{i}]")).ToList();
        }

        public string String()
        {
            Expect(JsonValueKind.String, "a string");
            return Element.GetString()!;
        }

        public string? StringOrNull() => Element.ValueKind == JsonValueKind.Null ? null : String();

        public int Int() => Element.ValueKind == JsonValueKind.Number && Element.TryGetInt32(out var value)
            ? value
            : throw Wrong("a whole number");

        public int? IntOrNull() => Element.ValueKind == JsonValueKind.Null ? null : Int();

        public decimal Decimal() => Element.ValueKind == JsonValueKind.Number && Element.TryGetDecimal(out var value)
            ? value
            : throw Wrong("a number");

        public bool Boolean() => Element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong("true or false"),
        };

        /// <summary>The value as the compact JSON text the planner makes, so a read plan compares equal to the written one.</summary>
        public string JsonText() => JsonNode.Parse(Element.GetRawText())?.ToJsonString() ?? "null";

        public T OneOf<T>(Func<T, string> name, IEnumerable<T> values)
        {
            var text = String();
            var all = values.ToList();
            foreach (var value in all.Where(v => name(v) == text))
            {
                return value;
            }

            throw new PlanFormatException($"{Path}: expected one of {string.Join(", ", all.Select(name))}, found \"{text}\"");
        }

        private void Expect(JsonValueKind kind, string what)
        {
            if (Element.ValueKind != kind)
            {
                throw Wrong(what);
            }
        }

        private PlanFormatException Wrong(string what) =>
            new($"{Path}: expected {what}, found {Element.ValueKind.ToString().ToLowerInvariant()}");
    }
}
