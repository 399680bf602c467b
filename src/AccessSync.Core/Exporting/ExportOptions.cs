using System.Collections.Immutable;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;

namespace AccessSync.Core.Exporting;

/// <summary>What an export covers and how its files fit the folder they go into.</summary>
/// <param name="Applications">Applications to export, by id, name or domain (any letter case); empty for all.</param>
/// <param name="Defaults">
/// The <c>defaults</c> of the target folder's accesssync.yaml. A default fills every policy that leaves a setting
/// out, so each exported policy writes such a setting explicitly, as it is live.
/// </param>
/// <param name="WriteRootConfig">Also write an accesssync.yaml that names the scope (the folder has none).</param>
/// <param name="ScopeInFiles">Name the scope in each file, an application's or a reusable policy's (the folder's accesssync.yaml names another, or none).</param>
/// <param name="WriteSchema">Also write the schema the modelines point at, <see cref="SchemaPath"/> (the folder has none).</param>
/// <param name="AlreadyManaged">
/// How the folder's existing files name their applications (each with its file in its span): an application one
/// of them manages under another path is skipped, since two files for one application is an error.
/// </param>
public sealed record ExportOptions(
    ImmutableArray<string> Applications,
    PolicySettings Defaults,
    bool WriteRootConfig,
    bool ScopeInFiles,
    bool WriteSchema,
    ImmutableArray<AppReference> AlreadyManaged)
{
    /// <summary>The folder, below the export's root, that holds one file per application.</summary>
    public const string ApplicationsFolder = "apps";

    /// <summary>The folder, below the export's root, that holds one file per reusable policy.</summary>
    public const string ReusableFolder = FileKinds.ReusableFolder;

    /// <summary>Where, below the export's root, the files' <c>yaml-language-server</c> modelines find the schema.</summary>
    public const string SchemaPath = "schemas/accesssync.schema.json";

    /// <summary>
    /// The reusable policies the folder's existing files define: one of them defined under another path is not
    /// written, since two files defining one reusable policy is an error.
    /// </summary>
    public ImmutableArray<ExistingReusablePolicy> AlreadyDefined { get; init; } = [];

    /// <summary>Every application, into an empty folder: a root accesssync.yaml and the schema included.</summary>
    public static ExportOptions Default { get; } = new([], PolicySettings.None, WriteRootConfig: true, ScopeInFiles: false, WriteSchema: true, AlreadyManaged: []);
}

/// <summary>A reusable policy a file of the export's folder defines.</summary>
/// <param name="Path">The file, below the export's root ('/'-separated).</param>
public sealed record ExistingReusablePolicy(string Name, string Path);
