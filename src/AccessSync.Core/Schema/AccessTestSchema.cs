using NJsonSchema;

namespace AccessSync.Core.Schema;

/// <summary>
/// The published schema of access-test files (schemas/access-test.schema.json, embedded at build time), loaded
/// once and only when a folder has a test file: it is a contract of its own, so editors offer a test file's keys
/// and not an application's.
/// </summary>
public static class AccessTestSchema
{
    private const string ResourceName = "AccessSync.Core.access-test.schema.json";

    private static readonly Lazy<JsonSchema> LazyRoot = new(() =>
    {
        using var stream = typeof(AccessTestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded schema {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    });

    public static JsonSchema Root => LazyRoot.Value;
}
