using System.Text.Json;

namespace AccessSync.Core.Json;

/// <summary>
/// Writes any JSON value with its object keys in ordinal order, straight to a writer: the same text as
/// <see cref="SortedJson"/>'s tree would serialise to, without building the tree (a plan fingerprints every live object
/// it changes, so this runs over most of a large estate).
/// </summary>
public static class SortedJsonWriter
{
    public static void Write(JsonElement value, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = value.EnumerateObject().ToArray();
                Array.Sort(properties, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                writer.WriteNullValue();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
