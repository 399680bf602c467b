using System.Text.Json;
using AccessSync.Core.Live;

namespace AccessSync.Core.Applying;

/// <summary>
/// What one run of writes (one application's, or one account's reusable policies) holds live: each policy as it
/// was last read or written, and the ids of the policies it created. A step builds its body from it and its
/// read-back brings it up to date, so that a later write of the same policy starts from what the API holds now.
/// </summary>
/// <remarks>Used by one write at a time: an application's writes are sequential, as are the reusable policies'.</remarks>
internal sealed class LiveObjects
{
    private readonly Dictionary<string, JsonElement> policies;
    private readonly Dictionary<string, string> created = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> createdReusable;

    /// <param name="createdReusable">Reusable policies of the account created earlier in this apply: name to id.</param>
    public LiveObjects(IEnumerable<LivePolicy> policies, IReadOnlyDictionary<string, string>? createdReusable = null)
    {
        this.policies = policies.ToDictionary(p => p.Id, p => p.Raw, StringComparer.Ordinal);
        this.createdReusable = createdReusable ?? new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Policies created by these writes and accepted as sent: name to id.</summary>
    public IReadOnlyDictionary<string, string> Created => created;

    /// <summary>The policy as the API last gave it.</summary>
    public JsonElement Policy(string id) => policies[id];

    /// <summary>The API answered <paramref name="written"/> for the policy <paramref name="id"/>.</summary>
    public void Wrote(string id, JsonElement written) => policies[id] = written;

    /// <summary>A create the API answered as sent: later writes may name it by its id.</summary>
    public void CreatedAs(string name, string id) => created[name] = id;

    public void Deleted(string id) => policies.Remove(id);

    /// <summary>The id a policies list sends for <paramref name="link"/>: its own, or that of the policy created for it earlier in this apply.</summary>
    public string IdOf(PolicyLink link) =>
        link.PolicyId
        ?? (link.IsReusable ? createdReusable : created).GetValueOrDefault(link.Name)
        ?? throw new InvalidOperationException($"policy \"{link.Name}\" should have been created before the application's policies list is written");
}
