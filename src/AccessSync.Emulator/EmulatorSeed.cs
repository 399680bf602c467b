using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Emulator;

/// <summary>An initial state in the seed format (the same format as the state file and <see cref="EmulatorState.Export"/>).</summary>
public sealed class EmulatorSeed
{
    private readonly JsonObject document;

    private EmulatorSeed(JsonObject document) => this.document = document;

    public static EmulatorSeed Empty => new(new JsonObject());

    /// <exception cref="InvalidDataException">The text is not a JSON object.</exception>
    public static EmulatorSeed Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) is JsonObject root
                ? new EmulatorSeed(root)
                : throw new InvalidDataException("an emulator seed must be a JSON object with \"accounts\" and/or \"zones\"");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the emulator seed is not valid JSON: {e.Message}", e);
        }
    }

    /// <exception cref="InvalidDataException">The file is not a JSON object.</exception>
    public static EmulatorSeed Load(string path) => Parse(File.ReadAllText(path));

    public static EmulatorSeed From(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new((JsonObject)document.DeepClone());
    }

    /// <summary>A deep copy of the seed document.</summary>
    public JsonObject ToJson() => (JsonObject)document.DeepClone();

    public override string ToString() => document.ToJsonString();
}
