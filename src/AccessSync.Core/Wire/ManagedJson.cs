using System.Text;

namespace AccessSync.Core.Wire;

/// <summary>One managed field of a policy as a write sends it: its path and its value's JSON (UTF-8).</summary>
/// <param name="Json">Good until the next field of the same policy is asked for; <see cref="Text"/> keeps it.</param>
public readonly record struct ManagedJson(string Path, ReadOnlyMemory<byte> Json)
{
    public string Text => Encoding.UTF8.GetString(Json.Span);
}
