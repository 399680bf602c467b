using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Schema;
using AccessSync.Core.Sources;
using AccessSync.Core.Validation;
using AccessSync.Core.Yaml;
using Newtonsoft.Json.Linq;

namespace AccessSync.Core.Loading;

/// <summary>One file, from text to model: YAML, then the schema, then meaning. Each stage runs only on what the one before accepted.</summary>
public static class FileLoader
{
    public static LoadResult<ApplicationFile> LoadApplication(SourceFile source, PolicySettings defaults) =>
        LoadApplication(source, YamlTreeReader.Read(source), defaults);

    /// <summary>The stages after YAML, for a caller that read the YAML itself (to overlap it with loading the schema).</summary>
    public static LoadResult<ApplicationFile> LoadApplication(SourceFile source, YamlReadResult read, PolicySettings defaults)
    {
        var (root, diagnostics) = Validate(source, read, SchemaDefinition.ApplicationFile);
        if (root is null)
        {
            return new LoadResult<ApplicationFile>(null, diagnostics);
        }

        var file = new ModelReader(source.Path).ReadApplication(root, defaults);
        return new LoadResult<ApplicationFile>(file, [.. diagnostics, .. ApplicationChecks.Check(file)]);
    }

    public static LoadResult<RootConfig> LoadConfig(SourceFile source)
    {
        var (root, diagnostics) = Validate(source, YamlTreeReader.Read(source), SchemaDefinition.ConfigFile);
        return root is null
            ? new LoadResult<RootConfig>(null, diagnostics)
            : new LoadResult<RootConfig>(new ModelReader(source.Path).ReadConfig(root), diagnostics);
    }

    private static (JObject? Root, ImmutableArray<Diagnostic> Diagnostics) Validate(SourceFile source, YamlReadResult read, SchemaDefinition definition)
    {
        if (read.Root is null)
        {
            return (null, read.Diagnostics);
        }

        var diagnostics = SchemaValidator.Validate(read.Root, definition, source.Path);
        if (read.Root is JObject obj && ConflictingScope(obj, source.Path) is { } conflict)
        {
            diagnostics = diagnostics.Add(conflict);
        }

        return diagnostics.HasErrors() ? (null, diagnostics) : ((JObject)read.Root, diagnostics);
    }

    /// <summary>The API addresses an application through an account or a zone, never both.</summary>
    private static Diagnostic? ConflictingScope(JObject root, string path) =>
        root.Property("account_id") is not null && root.Property("zone_id") is { } zone
            ? Diagnostic.Error(
                DiagnosticCodes.ConflictingScope,
                "both `account_id` and `zone_id` are set; an application lives in an account or in a zone, so set only one",
                LocatedJson.KeySpanOf(zone, path))
            : null;
}
