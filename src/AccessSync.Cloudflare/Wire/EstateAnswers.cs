using System.Text.Json;
using AccessSync.Core.Model;

namespace AccessSync.Cloudflare.Wire;

/// <summary>
/// Every list of one scope as the API answered it: the items of all pages, as parsed, nothing copied or re-serialised.
/// What planning reads is made from these in one pass (<see cref="LiveMapping"/>).
/// </summary>
/// <param name="ReusablePolicies">Empty in a zone: reusable policies exist only in accounts.</param>
internal sealed record EstateAnswers(
    Scope Scope,
    IReadOnlyList<JsonElement> Applications,
    IReadOnlyList<JsonElement> ReusablePolicies,
    IReadOnlyList<JsonElement> Groups,
    IReadOnlyList<JsonElement> ServiceTokens,
    IReadOnlyList<JsonElement> IdentityProviders);
