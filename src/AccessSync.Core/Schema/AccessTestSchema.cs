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

    private static readonly Lazy<JsonSchema> LazyRoot = new(() => JsonSchema.FromJsonAsync(AccessSyncSchema.ReadResource(ResourceName)).GetAwaiter().GetResult());

    public static JsonSchema Root => LazyRoot.Value;
}
