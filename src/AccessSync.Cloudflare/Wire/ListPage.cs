using System.Text.Json;

namespace AccessSync.Cloudflare.Wire;

/// <summary>One page of a list as the API answered it: its items, as parsed, and its paging facts.</summary>
/// <param name="Number">The page asked for (1-based).</param>
internal sealed record ListPage(int Number, List<JsonElement> Items, ResultInfo? Info)
{
    public string? FirstId => Items.Count > 0 ? JsonFields.String(Items[0], "id") : null;
}
