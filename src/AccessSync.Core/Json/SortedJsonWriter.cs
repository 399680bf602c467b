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
                WriteObject(value, writer);
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

    /// <summary>
    /// The properties sorted as names beside their places, not as <see cref="JsonProperty"/> values: sorting and
    /// LINQ over a struct are code the runtime compiles on first use in every run, over strings and numbers they are not.
    /// </summary>
    private static void WriteObject(JsonElement value, Utf8JsonWriter writer)
    {
        var count = 0;
        foreach (var _ in value.EnumerateObject())
        {
            count++;
        }

        var names = new string[count];
        var values = new JsonElement[count];
        var places = new int[count];
        var index = 0;
        foreach (var property in value.EnumerateObject())
        {
            names[index] = property.Name;
            values[index] = property.Value;
            places[index] = index;
            index++;
        }

        Array.Sort(names, places, StringComparer.Ordinal);
        writer.WriteStartObject();
        for (var i = 0; i < count; i++)
        {
            writer.WritePropertyName(names[i]);
            Write(values[places[i]], writer);
        }

        writer.WriteEndObject();
    }
}
