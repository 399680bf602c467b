using System.Collections.Immutable;
using System.Text.Json;
using AccessSync.Cloudflare.Wire;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Cloudflare;

/// <summary>
/// The API's answers to the core's live model, in one pass over each list, straight from the parsed JSON: every
/// object keeps its element as read (<see cref="LiveApplication.Raw"/>, <see cref="LivePolicy.Raw"/>), so the fields
/// AccessSync does not manage, known or not, go back unchanged in every write built from it.
/// </summary>
internal static class LiveMapping
{
    /// <remarks>
    /// Loops rather than LINQ over the answers' elements: LINQ over <see cref="JsonElement"/> (a struct) is code the
    /// runtime compiles on first use in every run.
    /// </remarks>
    public static LiveScope Scope(EstateAnswers answers)
    {
        var reusableIds = new HashSet<string>(StringComparer.Ordinal);
        var reusable = ImmutableArray.CreateBuilder<LivePolicy>(answers.ReusablePolicies.Count);
        foreach (var policy in answers.ReusablePolicies)
        {
            var id = JsonFields.String(policy, "id");
            if (id is not null)
            {
                reusableIds.Add(id);
            }

            if (id is { Length: > 0 })
            {
                reusable.Add(LivePolicy.FromJson(policy, isReusable: true));
            }
        }

        var applications = ImmutableArray.CreateBuilder<LiveApplication>(answers.Applications.Count);
        foreach (var app in answers.Applications)
        {
            applications.Add(Application(answers.Scope, app, reusableIds.Contains));
        }

        var groups = ImmutableArray.CreateBuilder<LiveGroup>(answers.Groups.Count);
        foreach (var group in answers.Groups)
        {
            if (IdOf(group) is not null)
            {
                groups.Add(LiveGroup.FromJson(group));
            }
        }

        return new LiveScope(
            answers.Scope,
            applications.DrainToImmutable(),
            reusable.DrainToImmutable(),
            Named(answers.Groups),
            Named(answers.ServiceTokens),
            Named(answers.IdentityProviders))
        {
            GroupDefinitions = groups.DrainToImmutable(),
        };
    }

    /// <summary>An application with the policies it embeds, in precedence order.</summary>
    /// <param name="isReusable">Whether a policy id is one of the account's reusable policies: embedded policies carry no flag of their own.</param>
    public static LiveApplication Application(Scope scope, JsonElement app, Func<string, bool> isReusable)
    {
        var policies = new List<LivePolicy>();
        if (app.TryGetProperty("policies", out var embedded) && embedded.ValueKind == JsonValueKind.Array)
        {
            foreach (var policy in embedded.EnumerateArray())
            {
                if (IdOf(policy) is { } id)
                {
                    policies.Add(LivePolicy.FromJson(policy, isReusable(id) || JsonFields.Bool(policy, "reusable") == true));
                }
            }
        }

        return new LiveApplication(
            scope,
            JsonFields.String(app, "id") ?? "",
            JsonFields.String(app, "name") ?? "",
            JsonFields.String(app, "domain"),
            [.. policies.OrderBy(p => p.Precedence ?? int.MaxValue)],
            app);
    }

    private static ImmutableArray<NamedObject> Named(IReadOnlyList<JsonElement> items)
    {
        var named = ImmutableArray.CreateBuilder<NamedObject>(items.Count);
        foreach (var item in items)
        {
            named.Add(new NamedObject(JsonFields.String(item, "id") ?? "", JsonFields.String(item, "name") ?? ""));
        }

        return named.DrainToImmutable();
    }

    /// <summary>An object's id; null when it has none, and then it is no object the core can name.</summary>
    private static string? IdOf(JsonElement item) => JsonFields.String(item, "id") is { Length: > 0 } id ? id : null;
}
