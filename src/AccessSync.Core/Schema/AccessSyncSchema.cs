using NJsonSchema;
using NJsonSchema.Validation;

namespace AccessSync.Core.Schema;

/// <summary>
/// The published schema (schemas/accesssync.schema.json, embedded at build time), loaded once.
/// Its root accepts any AccessSync file, for editors; the core validates each file against the definition
/// for its role, which gives precise errors rather than "matches none of anyOf".
/// </summary>
public static class AccessSyncSchema
{
    private const string ResourceName = "AccessSync.Core.accesssync.schema.json";

    private static readonly Lazy<string> LazyText = new(ReadResource);

    // NJsonSchema only offers an asynchronous loader; this runs once, on a string, with no I/O to wait for.
    private static readonly Lazy<JsonSchema> LazyRoot = new(() => JsonSchema.FromJsonAsync(LazyText.Value).GetAwaiter().GetResult());

    private static readonly Lazy<JsonSchemaValidatorSettings> LazySettings = new(() =>
    {
        var settings = new JsonSchemaValidatorSettings();
        settings.AddCustomFormatValidator(new CidrFormatValidator());
        settings.AddCustomFormatValidator(new IpAddressFormatValidator());
        return settings;
    });

    public static string Text => LazyText.Value;

    /// <summary>Starts loading the schema in the background, so that a caller can read files meanwhile.</summary>
    public static Task Preload() => Task.Run(() => _ = LazyRoot.Value);

    public static JsonSchema Root => LazyRoot.Value;

    internal static JsonSchemaValidatorSettings ValidatorSettings => LazySettings.Value;

    public static JsonSchema For(SchemaDefinition definition) => definition == SchemaDefinition.AccessTestFile ? AccessTestSchema.Root : Root.Definitions[definition switch
    {
        SchemaDefinition.ApplicationFile => "applicationFile",
        SchemaDefinition.ConfigFile => "configFile",
        SchemaDefinition.ReusablePolicyFile => "reusablePolicyFile",
        _ => throw new ArgumentOutOfRangeException(nameof(definition), definition, null),
    }];

    private static string ReadResource() => ReadResource(ResourceName);

    internal static string ReadResource(string resourceName)
    {
        using var stream = typeof(AccessSyncSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded schema {resourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
