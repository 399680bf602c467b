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
    public static LiveScope Scope(EstateAnswers answers)
    {
        var reusableIds = answers.ReusablePolicies.Select(p => JsonFields.String(p, "id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new LiveScope(
            answers.Scope,
            [.. answers.Applications.Select(app => Application(answers.Scope, app, reusableIds.Contains))],
            [.. answers.ReusablePolicies.Where(p => IdOf(p) is not null).Select(p => LivePolicy.FromJson(p, isReusable: true))],
            Named(answers.Groups),
            Named(answers.ServiceTokens),
            Named(answers.IdentityProviders))
        {
            GroupDefinitions = [.. answers.Groups.Where(g => IdOf(g) is not null).Select(LiveGroup.FromJson)],
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

    private static ImmutableArray<NamedObject> Named(IReadOnlyList<JsonElement> items) =>
        [.. items.Select(item => new NamedObject(JsonFields.String(item, "id") ?? "", JsonFields.String(item, "name") ?? ""))];

    /// <summary>An object's id; null when it has none, and then it is no object the core can name.</summary>
    private static string? IdOf(JsonElement item) => JsonFields.String(item, "id") is { Length: > 0 } id ? id : null;
}
