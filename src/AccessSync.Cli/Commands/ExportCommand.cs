using System.Collections.Immutable;
using System.Text;
using AccessSync.Cli.Connections;
using AccessSync.Cli.Files;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Exporting;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Rendering;
using AccessSync.Core.Sources;
using Serilog;

namespace AccessSync.Cli.Commands;

/// <param name="Out">The folder the files go into (created if missing).</param>
/// <param name="Applications">Only these applications, by id, name or domain; empty for all.</param>
/// <param name="Force">Replace files that exist.</param>
public sealed record ExportSettings(GivenPath Out, ImmutableArray<string> Applications, bool Force, ConnectionSettings Connection);

/// <summary>
/// <c>accesssync export</c>: writes the live policies of an account's or zone's applications, and the account's
/// reusable policies, as files that <c>plan</c> then shows as no change, for adopting AccessSync where policies
/// already exist.
/// </summary>
public sealed class ExportCommand(CliConsole console, Surroundings surroundings, ILogger log)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<int> ExecuteAsync(ExportSettings settings, GlobalSettings global, CancellationToken cancellationToken)
    {
        var root = settings.Out.AsDirectory();
        if (File.Exists(root.FullName))
        {
            throw new UsageException($"--out {settings.Out} is a file; give the folder to export into");
        }

        var tree = root.Exists ? PolicyTree.Read(root, surroundings) : null;
        var configPath = Path.Combine(root.FullName, RootConfig.FileName);
        RootConfig? config = null;
        if (tree is not null && File.Exists(configPath))
        {
            if (ReadConfig(tree, configPath) is not { } read)
            {
                return ExitCodes.Error;
            }

            config = read;
        }

        var scope = global.Scopes.CommandLine ?? global.Scopes.Environment ?? config?.Scope ?? throw new UsageException(settings.Connection.Sandbox
            ? "export needs the account or zone to read, and the sandbox cannot list its accounts through the API: pass --account-id "
              + "(the sandbox's examples live in account 9a7806061c88ada191ed06f989cc3dac) or --zone-id"
            : "export needs the account or zone to read: pass --account-id or --zone-id, set CLOUDFLARE_ACCOUNT_ID or CLOUDFLARE_ZONE_ID, "
              + $"or name it in {RootConfig.FileName} in the output folder");

        await using var connection = await Connection.OpenAsync(settings.Connection, surroundings, log, cancellationToken);
        var live = await connection.Provider.ReadAsync([scope], cancellationToken);
        var liveScope = live.For(scope) ?? throw new UserException($"the API returned nothing for {scope}");
        log.Debug("Read {ApplicationCount} live applications in {Scope}", liveScope.Applications.Length, scope);

        var (managed, defined) = tree is null ? ([], []) : InFolder(tree, root, scope, config, global);
        var options = new ExportOptions(
            settings.Applications,
            config?.Defaults ?? PolicySettings.None,
            WriteRootConfig: config is null,
            ScopeInFiles: config is not null && config.Scope != scope,
            WriteSchema: !File.Exists(Path.Combine(root.FullName, ExportOptions.SchemaPath)),
            AlreadyManaged: managed)
        {
            AlreadyDefined = defined,
        };
        var result = Exporter.Export(liveScope, options);
        foreach (var skipped in result.Skipped)
        {
            await console.Error.WriteLineAsync($"note: {skipped}");
        }

        foreach (var problem in result.Problems)
        {
            await console.Error.WriteLineAsync($"error: {problem}");
        }

        var applications = FilesIn(result, ExportOptions.ApplicationsFolder);
        var reusable = FilesIn(result, ExportOptions.ReusableFolder);
        if (applications + reusable == 0)
        {
            await console.Error.WriteLineAsync($"Nothing to export: no application of {scope} was exported.");
            return result.HasProblems ? ExitCodes.Error : ExitCodes.Success;
        }

        var targets = result.Files.Select(f => (File: f, Path: Path.Combine(root.FullName, f.RelativePath))).ToList();
        var existing = targets.Where(t => File.Exists(t.Path)).ToList();
        if (existing.Count > 0 && !settings.Force)
        {
            foreach (var (_, path) in existing)
            {
                await console.Error.WriteLineAsync($"error: {surroundings.DisplayPath(path)} exists; export never replaces a file unless --force (or choose another --out)");
            }

            await console.Error.WriteLineAsync("Nothing was written.");
            return ExitCodes.Error;
        }

        // Once writing starts it finishes: a Ctrl-C now would leave some files written and others not.
        foreach (var (file, path) in targets)
        {
            await WriteAsync(path, file.Text);
            await console.Out.WriteLineAsync($"wrote {surroundings.DisplayPath(path)}");
        }

        // Reusable policies are named only when there are some, so an account without them reads as it always has.
        var reusableCount = reusable == 0 ? string.Empty : $" and {reusable} reusable polic{(reusable == 1 ? "y" : "ies")}";
        await console.Out.WriteLineAsync(
            $"Exported {applications} application{(applications == 1 ? string.Empty : "s")}{reusableCount} of {scope}. Check that nothing would change: accesssync plan {(settings.Connection.Sandbox ? "--sandbox " : string.Empty)}{surroundings.DisplayPath(root.FullName)}");
        return result.HasProblems ? ExitCodes.Error : ExitCodes.Success;
    }

    private static int FilesIn(ExportResult result, string folder) =>
        result.Files.Count(f => f.RelativePath.StartsWith(folder + "/", StringComparison.Ordinal));

    private async Task WriteAsync(string path, string text)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, text, Utf8, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserException($"cannot write {surroundings.DisplayPath(path)}: {e.Message}");
        }
    }

    /// <summary>The output folder's own accesssync.yaml, whose scope and defaults the exported files must fit; null (reported) when it is invalid.</summary>
    private RootConfig? ReadConfig(PolicyTree tree, string configPath)
    {
        var configDiagnostics = tree.Diagnostics.Where(d => d.Span.Path == surroundings.DisplayPath(configPath)).ToList();
        foreach (var diagnostic in configDiagnostics)
        {
            console.Error.WriteLine(DiagnosticRenderer.Render(diagnostic, DiagnosticFormat.Text));
        }

        return configDiagnostics.HasErrors() ? null : tree.Config;
    }

    /// <summary>
    /// How the folder's files in <paramref name="scope"/> name their applications (each with its path below
    /// <paramref name="root"/> as its span), and the reusable policies they define. Each file is loaded once, as
    /// the kind it is; a file that does not load manages and defines nothing here, and plan reports it.
    /// </summary>
    private (ImmutableArray<AppReference> Managed, ImmutableArray<ExistingReusablePolicy> Defined) InFolder(
        PolicyTree tree,
        DirectoryInfo root,
        Scope scope,
        RootConfig? config,
        GlobalSettings global)
    {
        var managed = ImmutableArray.CreateBuilder<AppReference>();
        var defined = ImmutableArray.CreateBuilder<ExistingReusablePolicy>();
        foreach (var source in tree.PolicyFiles)
        {
            var loaded = FileLoader.LoadPolicyFile(source, PolicySettings.None);
            if (loaded.Application is { } app && global.Scopes.Resolve(app.Scope, config?.Scope) == scope)
            {
                managed.Add(app.App with { Span = new SourceSpan(Relative(root, source), app.App.Span.Line, app.App.Span.Column) });
            }
            else if (loaded.ReusablePolicy is { } reusable && global.Scopes.Resolve(reusable.Scope, config?.Scope) == scope)
            {
                defined.Add(new ExistingReusablePolicy(reusable.Policy.Name, Relative(root, source)));
            }
        }

        return (managed.ToImmutable(), defined.ToImmutable());
    }

    /// <summary>A file's path below <paramref name="root"/>; its source's path is as shown, relative to the working folder.</summary>
    private string Relative(DirectoryInfo root, SourceFile source) =>
        Path.GetRelativePath(root.FullName, surroundings.Given(source.Path).FullPath).Replace('\\', '/');
}
