using System.Text.Json.Nodes;

namespace AccessSync.Emulator.Store;

/// <summary>The seed / state-file format in and out (see README.md).</summary>
internal sealed partial class StateStore
{
    /// <summary>Replaces the whole state. Nothing changes if the seed is invalid.</summary>
    /// <exception cref="SeedFormatException">The seed does not follow the format.</exception>
    public void Import(JsonObject seed) => Write(() =>
    {
        var newAccounts = ReadScopes(seed["accounts"], isZone: false);
        var newZones = ReadScopes(seed["zones"], isZone: true);
        accounts = newAccounts;
        zones = newZones;
        return 0;
    });

    public JsonObject Export() => Read(ExportLocked);

    /// <summary>Adds or replaces one application given in seed form.</summary>
    public JsonObject PutApp(ScopeRef scope, JsonObject app) => Write(() =>
    {
        var data = Ensure(scope);
        var record = ReadApp(app, data, scope.IsZone, "app");
        var index = data.Apps.FindIndex(a => a.Id == record.Id);
        if (index >= 0)
        {
            record.Fields["created_at"] = data.Apps[index].Fields["created_at"]?.DeepClone();
            data.Apps[index] = record;
        }
        else
        {
            data.Apps.Add(record);
        }

        record.Fields["updated_at"] = Now();
        return RenderApp(scope, data, record);
    });

    /// <summary>Adds or replaces one app-scoped policy, bypassing validation; sets updated_at.</summary>
    public JsonObject PutAppPolicy(ScopeRef scope, string appId, JsonObject policy) => Write(() =>
    {
        var data = Find(scope) ?? throw new KeyNotFoundException($"no application {appId} in {scope}");
        var app = data.App(appId) ?? throw new KeyNotFoundException($"no application {appId} in {scope}");
        var id = Json.Id(policy) ?? NewId();
        var existing = app.Policy(id);
        var precedence = Json.AsInt(policy["precedence"]) ?? existing?.Precedence ?? NextPrecedence(app);
        var stored = Seeded(policy, id, true, "precedence", "account_id", "app_count", "reusable");
        stored["created_at"] = existing?.AppScoped?["created_at"]?.DeepClone() ?? stored["created_at"]?.DeepClone() ?? Now();
        stored["updated_at"] = Now();
        var slot = existing ?? new PolicySlot(id, precedence, stored);
        if (existing is null)
        {
            app.Policies.Add(slot);
        }

        slot.AppScoped = stored;
        slot.Precedence = precedence;
        return RenderOwn(scope, slot, stored);
    });

    /// <summary>Adds or replaces one reusable policy, bypassing validation; sets updated_at.</summary>
    public JsonObject PutReusable(string accountId, JsonObject policy) => Write(() =>
    {
        var data = Ensure(ScopeRef.Account(accountId));
        var id = Json.Id(policy) ?? NewId();
        var stored = Seeded(policy, id, true, "precedence", "account_id", "app_count", "reusable");
        var old = data.Reusable(id);
        stored["created_at"] = old?["created_at"]?.DeepClone() ?? stored["created_at"]?.DeepClone() ?? Now();
        stored["updated_at"] = Now();
        if (old is not null)
        {
            data.ReusablePolicies[data.ReusablePolicies.IndexOf(old)] = stored;
        }
        else
        {
            data.ReusablePolicies.Add(stored);
        }

        return RenderReusable(data, stored);
    });

    /// <summary>Attaches a reusable policy to an app at a precedence, or moves it there if already attached.</summary>
    public void AttachReusable(string accountId, string appId, string policyId, int precedence) => Write(() =>
    {
        var data = Find(ScopeRef.Account(accountId)) ?? throw new KeyNotFoundException($"no account {accountId}");
        var app = data.App(appId) ?? throw new KeyNotFoundException($"no application {appId}");
        _ = data.Reusable(policyId) ?? throw new KeyNotFoundException($"no reusable policy {policyId}");
        app.Policies.RemoveAll(p => p.Id == policyId);
        app.Policies.Add(new PolicySlot(policyId, precedence, null));
        return 0;
    });

    public bool RemoveApp(ScopeRef scope, string appId) => Write(() => Find(scope)?.Apps.RemoveAll(a => a.Id == appId) > 0);

    /// <summary>Deletes an app-scoped policy, or detaches a reusable one.</summary>
    public bool RemoveAppPolicy(ScopeRef scope, string appId, string policyId) => Write(() =>
        Find(scope)?.App(appId)?.Policies.RemoveAll(p => p.Id == policyId) > 0);

    /// <summary>Deletes a reusable policy and detaches it from every application.</summary>
    public bool RemoveReusable(string accountId, string policyId) => Write(() =>
    {
        var data = Find(ScopeRef.Account(accountId));
        if (data is null || data.ReusablePolicies.RemoveAll(p => Json.Id(p) == policyId) == 0)
        {
            return false;
        }

        data.Apps.ForEach(a => a.Policies.RemoveAll(p => p.Id == policyId));
        return true;
    });

    /// <summary>Adds or replaces an item of a read-only list (groups, service_tokens, identity_providers).</summary>
    public JsonObject PutListItem(ScopeRef scope, string list, JsonObject item) => Write(() =>
    {
        var items = ListOf(Ensure(scope), list);
        var stored = ReadListItem(item, list);
        var index = items.FindIndex(i => Json.Id(i) == Json.Id(stored));
        if (index >= 0)
        {
            items[index] = stored;
        }
        else
        {
            items.Add(stored);
        }

        return Json.Clone(stored);
    });

    public bool RemoveListItem(ScopeRef scope, string list, string id) => Write(() =>
        Find(scope) is { } data && ListOf(data, list).RemoveAll(i => Json.Id(i) == id) > 0);

    private static List<JsonObject> ListOf(ScopeData data, string list) => list switch
    {
        "groups" => data.Groups,
        "service_tokens" => data.ServiceTokens,
        "identity_providers" => data.IdentityProviders,
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "not a list the emulator keeps"),
    };

    private JsonObject ExportLocked()
    {
        static JsonArray Items(IEnumerable<JsonObject> items) => Json.Array(items.Select(i => (JsonNode)Json.Clone(i)));

        JsonObject Scopes(Dictionary<string, ScopeData> map, bool isZone)
        {
            var result = new JsonObject();
            foreach (var (id, data) in map)
            {
                var scope = new JsonObject { ["apps"] = Json.Array(data.Apps.Select(a => (JsonNode)ExportApp(a))) };
                if (!isZone)
                {
                    scope["reusable_policies"] = Items(data.ReusablePolicies);
                }

                scope["groups"] = Items(data.Groups);
                scope["service_tokens"] = Items(data.ServiceTokens);
                scope["identity_providers"] = Items(data.IdentityProviders);
                result[id] = scope;
            }

            return result;
        }

        return new JsonObject { ["accounts"] = Scopes(accounts, false), ["zones"] = Scopes(zones, true) };
    }

    private static JsonObject ExportApp(AppRecord app)
    {
        var exported = Json.Clone(app.Fields);
        exported["policies"] = Json.Array(app.Policies.OrderBy(p => p.Precedence).Select(slot =>
        {
            var entry = slot.AppScoped is { } own ? Json.Clone(own) : new JsonObject { ["id"] = slot.Id };
            entry["precedence"] = slot.Precedence;
            return (JsonNode)entry;
        }));
        if (app.EmulatorConfig is not null)
        {
            exported["x-emulator"] = Json.Clone(app.EmulatorConfig);
        }

        return exported;
    }

    private Dictionary<string, ScopeData> ReadScopes(JsonNode? node, bool isZone)
    {
        var map = new Dictionary<string, ScopeData>(StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }

        var kind = isZone ? "zones" : "accounts";
        if (node is not JsonObject scopes)
        {
            throw new SeedFormatException($"{kind} must be an object keyed by {(isZone ? "zone" : "account")} id");
        }

        foreach (var (id, value) in scopes)
        {
            var where = $"{kind}.{id}";
            if (value is not JsonObject scope)
            {
                throw new SeedFormatException($"{where} must be an object");
            }

            var data = new ScopeData();
            if (isZone && scope.ContainsKey("reusable_policies"))
            {
                throw new SeedFormatException($"{where}.reusable_policies: reusable policies exist in accounts only");
            }

            data.ReusablePolicies.AddRange(Objects(scope["reusable_policies"], $"{where}.reusable_policies")
                .Select(p => Seeded(p, Json.Id(p) ?? NewId(), true, "precedence", "account_id", "app_count", "reusable")));
            data.Groups.AddRange(Objects(scope["groups"], $"{where}.groups").Select(g => ReadListItem(g, "groups")));
            data.ServiceTokens.AddRange(Objects(scope["service_tokens"], $"{where}.service_tokens").Select(t => ReadListItem(t, "service_tokens")));
            data.IdentityProviders.AddRange(Objects(scope["identity_providers"], $"{where}.identity_providers").Select(p => ReadListItem(p, "identity_providers")));
            var apps = Objects(scope["apps"], $"{where}.apps");
            for (var i = 0; i < apps.Count; i++)
            {
                data.Apps.Add(ReadApp(apps[i], data, isZone, $"{where}.apps[{i}]"));
            }

            map[id] = data;
        }

        return map;
    }

    private AppRecord ReadApp(JsonObject app, ScopeData data, bool isZone, string where)
    {
        var fields = Seeded(app, Json.Id(app) ?? NewId(), true, "policies", "x-emulator");
        fields["aud"] ??= AudFor(Json.Id(fields)!);
        var record = new AppRecord(fields) { EmulatorConfig = app["x-emulator"] is JsonObject config ? Json.Clone(config) : null };
        var policies = Objects(app["policies"], $"{where}.policies");
        for (var i = 0; i < policies.Count; i++)
        {
            var entry = policies[i];
            var precedence = Json.AsInt(entry["precedence"]) ?? i + 1;
            if (entry.ContainsKey("name"))
            {
                var id = Json.Id(entry) ?? NewId();
                record.Policies.Add(new PolicySlot(id, precedence, Seeded(entry, id, true, "precedence", "account_id", "app_count", "reusable")));
            }
            else if (Json.Id(entry) is { } linked && !isZone && data.Reusable(linked) is not null)
            {
                record.Policies.Add(new PolicySlot(linked, precedence, null));
            }
            else
            {
                throw new SeedFormatException(
                    $"{where}.policies[{i}] is neither an app-scoped policy (with a name) nor a link to a reusable policy of this account");
            }
        }

        if (record.Policies.GroupBy(p => p.Precedence).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new SeedFormatException($"{where}.policies: precedence {clash.Key} is used more than once");
        }

        return record;
    }

    private JsonObject ReadListItem(JsonObject item, string list)
    {
        // A service token's secret is shown once at creation by the live API and never listed; it is never kept.
        var id = Json.Id(item) ?? NewId();
        return list == "service_tokens" ? Seeded(item, id, false, "client_secret") : Seeded(item, id, list == "groups");
    }

    /// <summary>A copy with the id first, without the named keys, and with timestamps filled in where absent.</summary>
    private JsonObject Seeded(JsonObject source, string id, bool timestamps, params string[] without)
    {
        var copy = new JsonObject { ["id"] = id };
        foreach (var (key, value) in source)
        {
            if (key != "id" && !without.Contains(key))
            {
                copy[key] = value?.DeepClone();
            }
        }

        if (timestamps)
        {
            var now = Now();
            copy["created_at"] ??= now;
            copy["updated_at"] ??= now;
        }

        return copy;
    }

    private static List<JsonObject> Objects(JsonNode? node, string where) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select((item, i) => item as JsonObject ?? throw new SeedFormatException($"{where}[{i}] must be an object"))],
        _ => throw new SeedFormatException($"{where} must be an array"),
    };
}
