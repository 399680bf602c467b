namespace AccessSync.Core.Schema;

/// <summary>Which kind of file a document is, and so which part of the schema it must satisfy.</summary>
public enum SchemaDefinition
{
    ApplicationFile,
    ConfigFile,
    ReusablePolicyFile,

    /// <summary>A file of access tests, checked against its own schema (schemas/access-test.schema.json).</summary>
    AccessTestFile,
}
