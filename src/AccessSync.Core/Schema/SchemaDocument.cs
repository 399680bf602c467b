namespace AccessSync.Core.Schema;

/// <summary>
/// The published schema (schemas/accesssync.schema.json), embedded at build time: its text, and the names of the
/// definitions each kind of file is checked against. It knows no validator, so that whoever reads it loads only its own.
/// </summary>
internal static class SchemaDocument
{
    private const string ResourceName = "AccessSync.Core.accesssync.schema.json";

    private static readonly Lazy<string> LazyText = new(() =>
    {
        using var reader = new StreamReader(Open());
        return reader.ReadToEnd();
    });

    public static string Text => LazyText.Value;

    /// <summary>The document as UTF-8, straight from the assembly.</summary>
    public static Stream Open() =>
        typeof(SchemaDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded schema {ResourceName} is missing from the build.");

    /// <summary>The definition a file of this kind must satisfy; the document's root accepts any kind, for editors.</summary>
    public static string DefinitionName(SchemaDefinition definition) => definition switch
    {
        SchemaDefinition.ApplicationFile => "applicationFile",
        SchemaDefinition.ConfigFile => "configFile",
        SchemaDefinition.ReusablePolicyFile => "reusablePolicyFile",
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition, null),
    };
}
