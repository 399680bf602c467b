using NJsonSchema;
using NJsonSchema.Validation;

namespace AccessSync.Core.Schema;

/// <summary>
/// The published schema (<see cref="SchemaDocument"/>) as NJsonSchema reads it, loaded once, when first needed:
/// by a file the quick acceptance (<see cref="SchemaAcceptance"/>) does not vouch for.
/// Its root accepts any AccessSync file, for editors; the core validates each file against the definition
/// for its role, which gives precise errors rather than "matches none of anyOf".
/// </summary>
public static class AccessSyncSchema
{
    // NJsonSchema only offers an asynchronous loader; this runs once, on a string, with no I/O to wait for.
    private static readonly Lazy<JsonSchema> LazyRoot = new(() => JsonSchema.FromJsonAsync(SchemaDocument.Text).GetAwaiter().GetResult());

    private static readonly Lazy<JsonSchemaValidatorSettings> LazySettings = new(() =>
    {
        var settings = new JsonSchemaValidatorSettings();
        settings.AddCustomFormatValidator(new CidrFormatValidator());
        settings.AddCustomFormatValidator(new IpAddressFormatValidator());
        return settings;
    });

    public static string Text => SchemaDocument.Text;

    public static JsonSchema Root => LazyRoot.Value;

    internal static JsonSchemaValidatorSettings ValidatorSettings => LazySettings.Value;

    public static JsonSchema For(SchemaDefinition definition) =>
        definition == SchemaDefinition.AccessTestFile ? AccessTestSchema.Root : Root.Definitions[SchemaDocument.DefinitionName(definition)];
}
