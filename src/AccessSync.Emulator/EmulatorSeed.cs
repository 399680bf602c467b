using System.Text.Json;
using System.Text.Json.Nodes;

namespace AccessSync.Emulator;

/// <summary>An initial state in the seed format (the same format as the state file and <see cref="EmulatorState.Export"/>).</summary>
public sealed class EmulatorSeed
{
    private readonly JsonObject document;

    private EmulatorSeed(JsonObject document) => this.document = document;

    public static EmulatorSeed Empty => new(new JsonObject());

    /// <summary>The file the seed was read from, for errors found once it is imported; null when it came from no file.</summary>
    public string? Source { get; private init; }

    /// <exception cref="SeedFormatException">The text is not a JSON object (with the 1-based line and column of broken JSON).</exception>
    public static EmulatorSeed Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) is JsonObject root
                ? new EmulatorSeed(root)
                : throw new SeedFormatException("a seed must be a JSON object with \"accounts\" and/or \"zones\"");
        }
        catch (JsonException e)
        {
            var (line, column) = JsonPosition.Of(json, e);
            throw new SeedFormatException($"not valid JSON: {JsonPosition.WithoutPosition(e.Message)}", null, line, column, e);
        }
    }

    /// <exception cref="SeedFormatException">The file is not a JSON object; the exception names <paramref name="path"/>.</exception>
    public static EmulatorSeed Load(string path)
    {
        try
        {
            return new EmulatorSeed(Parse(File.ReadAllText(path)).document) { Source = path };
        }
        catch (SeedFormatException e)
        {
            throw e.In(path);
        }
    }

    public static EmulatorSeed From(JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new((JsonObject)document.DeepClone());
    }

    /// <summary>A deep copy of the seed document.</summary>
    public JsonObject ToJson() => (JsonObject)document.DeepClone();

    public override string ToString() => document.ToJsonString();
}
