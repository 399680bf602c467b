using System.Collections.Immutable;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Model;
using AccessSync.Core.Schema;
using AccessSync.Core.Sources;
using AccessSync.Core.Validation;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Loading;

/// <summary>One file, from text to model: YAML, then the schema, then meaning. Each stage runs only on what the one before accepted.</summary>
public static class FileLoader
{
    /// <summary>A policy file as whichever kind <see cref="FileKinds"/> says it is: an application's or a reusable policy's.</summary>
    public static LoadedPolicyFile LoadPolicyFile(SourceFile source, PolicySettings defaults) =>
        LoadPolicyFile(source, YamlTreeReader.Read(source), defaults);

    /// <summary>A policy file, for a caller that read the YAML itself.</summary>
    public static LoadedPolicyFile LoadPolicyFile(SourceFile source, YamlReadResult read, PolicySettings defaults)
    {
        switch (FileKinds.Of(source, read.Root))
        {
            case (FileKind.ReusablePolicy, _):
                var reusable = LoadReusable(source, read, defaults);
                return new LoadedPolicyFile(null, reusable.Value, reusable.Diagnostics);
            case (FileKind.AccessTest, _):
                var test = LoadAccessTest(source, read);
                return new LoadedPolicyFile(null, null, test.Diagnostics) { AccessTest = test.Value };
            case (FileKind.Application, _):
                var application = LoadApplication(source, read, defaults);
                return new LoadedPolicyFile(application.Value, null, application.Diagnostics);
            case (_, var problem):
                return new LoadedPolicyFile(null, null, [.. read.Diagnostics, problem!]);
        }
    }

    public static LoadResult<ApplicationFile> LoadApplication(SourceFile source, PolicySettings defaults) =>
        LoadApplication(source, YamlTreeReader.Read(source), defaults);

    /// <summary>The stages after YAML, for a caller that read the YAML itself (to overlap it with loading the schema).</summary>
    public static LoadResult<ApplicationFile> LoadApplication(SourceFile source, YamlReadResult read, PolicySettings defaults) =>
        Load(source, read, SchemaDefinition.ApplicationFile, (reader, root) => reader.ReadApplication(root, defaults), ApplicationChecks.Check);

    public static LoadResult<ReusablePolicyFile> LoadReusable(SourceFile source, PolicySettings defaults) =>
        LoadReusable(source, YamlTreeReader.Read(source), defaults);

    /// <summary>A reusable-policy file, for a caller that read the YAML itself.</summary>
    public static LoadResult<ReusablePolicyFile> LoadReusable(SourceFile source, YamlReadResult read, PolicySettings defaults) =>
        Load(source, read, SchemaDefinition.ReusablePolicyFile, (reader, root) => reader.ReadReusablePolicy(root, defaults), ReusablePolicyChecks.Check);

    /// <summary>A file of access tests, checked against the schema of its own.</summary>
    public static LoadResult<AccessTestFile> LoadAccessTest(SourceFile source, YamlReadResult read) =>
        Load(source, read, SchemaDefinition.AccessTestFile, (reader, root) => reader.ReadAccessTest(root), AccessTestChecks.Check);

    public static LoadResult<RootConfig> LoadConfig(SourceFile source) =>
        Load(source, YamlTreeReader.Read(source), SchemaDefinition.ConfigFile, (reader, root) => reader.ReadConfig(root), _ => []);

    /// <summary>The stages every kind of file goes through: the schema of its <paramref name="definition"/>, the model, its checks of meaning.</summary>
    private static LoadResult<T> Load<T>(
        SourceFile source,
        YamlReadResult read,
        SchemaDefinition definition,
        Func<ModelReader, LocatedMapping, T> toModel,
        Func<T, ImmutableArray<Diagnostic>> check)
        where T : class
    {
        var (root, diagnostics) = Validate(source, read, definition);
        if (root is null)
        {
            return new LoadResult<T>(null, diagnostics);
        }

        var model = toModel(new ModelReader(source.Path), root);
        return new LoadResult<T>(model, [.. diagnostics, .. check(model)]);
    }

    private static (LocatedMapping? Root, ImmutableArray<Diagnostic> Diagnostics) Validate(SourceFile source, YamlReadResult read, SchemaDefinition definition)
    {
        if (read.Root is null)
        {
            return (null, read.Diagnostics);
        }

        var diagnostics = SchemaValidator.Validate(read.Root, definition, source.Path);

        // A reusable-policy file may not name a zone at all, and the schema says so in its own words.
        if (definition is SchemaDefinition.ApplicationFile or SchemaDefinition.ConfigFile && read.Root is LocatedMapping mapping && ConflictingScope(mapping) is { } conflict)
        {
            diagnostics = diagnostics.Add(conflict);
        }

        return diagnostics.HasErrors() ? (null, diagnostics) : ((LocatedMapping)read.Root, diagnostics);
    }

    /// <summary>The API addresses an application through an account or a zone, never both.</summary>
    private static Diagnostic? ConflictingScope(LocatedMapping root) =>
        root.Entry("account_id") is not null && root.Entry("zone_id") is { } zone
            ? Diagnostic.Error(
                DiagnosticCodes.ConflictingScope,
                "both `account_id` and `zone_id` are set; an application lives in an account or in a zone, so set only one",
                zone.KeySpan)
            : null;
}
