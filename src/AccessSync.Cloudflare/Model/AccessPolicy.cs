using System.Text.Json.Nodes;
using AccessSync.Cloudflare.Wire;

namespace AccessSync.Cloudflare.Model;

/// <summary>
/// An Access policy (app-scoped, reusable, or embedded in an application) as the client moves it: its identity and
/// its place. What it says (decision, rules, settings) is read once, by the provider, into the core's typed model;
/// build a write from <see cref="ToWriteBody"/> so that the fields AccessSync does not manage go back unchanged.
/// </summary>
public sealed record AccessPolicy : AccessObject
{
    private AccessPolicy(JsonObject raw)
        : base(raw)
    {
        Precedence = JsonFields.Int(raw, "precedence");
        Reusable = JsonFields.Bool(raw, "reusable") == true;
    }

    /// <summary>The policy's place in its application; absent on a reusable policy read from /access/policies.</summary>
    public int? Precedence { get; }

    /// <summary>True when the response itself says so (<c>reusable: true</c>, on /access/policies). Policies embedded in an app carry no such flag; see <see cref="LiveEstate.IsReusable"/>.</summary>
    public bool Reusable { get; }

    public static AccessPolicy FromJson(JsonObject raw) => new(raw);

    /// <summary>A deep copy of every field but the read-only ones: change what you manage and send it.</summary>
    public JsonObject ToWriteBody() => JsonFields.CopyWithout(Raw, Core.Wire.ReadOnlyFields.Policy);
}
