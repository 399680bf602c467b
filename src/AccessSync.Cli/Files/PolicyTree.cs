using System.Buffers;
using System.Collections.Immutable;
using AccessSync.Cli.Hosting;
using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;
using Microsoft.Win32.SafeHandles;

namespace AccessSync.Cli.Files;

/// <summary>
/// What was read from a policy folder: the root config, the policy files (applications and reusable policies,
/// each with its path below the root, by which the core tells the files under reusable/ apart), and what could
/// not be read.
/// </summary>
public sealed record PolicyTree(RootConfig Config, ImmutableArray<SourceFile> PolicyFiles, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>
    /// Reads the root config first (its <c>ignore</c> decides what else is read), then every YAML file below
    /// <paramref name="root"/>, skipping hidden folders and ignored paths, in a stable order. Each file's path is as
    /// <paramref name="surroundings"/> shows it: relative to the working folder.
    /// </summary>
    public static PolicyTree Read(DirectoryInfo root, Surroundings surroundings)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var config = RootConfig.Default;
        var configFile = new FileInfo(Path.Combine(root.FullName, RootConfig.FileName));
        if (configFile.Exists)
        {
            var source = ReadSource(configFile, surroundings, diagnostics);
            if (source is not null)
            {
                var loaded = FileLoader.LoadConfig(source);
                diagnostics.AddRange(loaded.Diagnostics);
                config = loaded.Value ?? config;
            }
        }

        var filter = new PathFilter(config.Ignore);
        var files = ImmutableArray.CreateBuilder<SourceFile>();
        foreach (var (file, relative) in YamlFilesBelow(root, filter))
        {
            if (relative == RootConfig.FileName)
            {
                continue;
            }

            if (file.Name == RootConfig.FileName)
            {
                diagnostics.Add(Diagnostic.Error(
                    DiagnosticCodes.NestedConfig,
                    $"only the root {RootConfig.FileName} is read; move these settings to {surroundings.DisplayPath(configFile.FullName)} or run AccessSync on this folder",
                    SourceSpan.StartOf(surroundings.DisplayPath(file.FullName))));
                continue;
            }

            if (ReadSource(file, surroundings, diagnostics) is { } source)
            {
                files.Add(source with { RelativePath = relative });
            }
        }

        return new PolicyTree(config, files.ToImmutable(), diagnostics.ToImmutable());
    }

    private static IEnumerable<FoundFile> YamlFilesBelow(DirectoryInfo root, PathFilter filter)
    {
        var pending = new Stack<DirectoryInfo>([root]);
        var found = new List<FoundFile>();
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in directory.EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(root.FullName, entry.FullName).Replace('\\', '/');
                if (entry is DirectoryInfo sub)
                {
                    // Linked folders are not followed: they could loop, or pull in a tree that is not this project's.
                    if (!PathFilter.IsHidden(sub.Name) && sub.LinkTarget is null && !filter.IsIgnored(relative + "/"))
                    {
                        pending.Push(sub);
                    }
                }
                else if (entry is FileInfo file && PathFilter.IsYaml(file.Name) && !PathFilter.IsHidden(file.Name) && !filter.IsIgnored(relative))
                {
                    found.Add(new FoundFile(file, relative));
                }
            }
        }

        return found.OrderBy(f => f.Relative, StringComparer.Ordinal);
    }

    private static SourceFile? ReadSource(FileInfo file, Surroundings surroundings, ImmutableArray<Diagnostic>.Builder diagnostics)
    {
        var display = surroundings.DisplayPath(file.FullName);

        // Read no more than one byte past the limit: enough to know a file is too large without loading it all. The
        // bytes live only until decoded, so one pooled buffer serves every file, and the handle is read without
        // a stream, whose own buffer would be another allocation per file.
        byte[]? bytes = null;
        try
        {
            using var handle = File.OpenHandle(file.FullName);
            var size = (int)Math.Min(RandomAccess.GetLength(handle), SourceLimits.MaxFileBytes + 1L);
            bytes = ArrayPool<byte>.Shared.Rent(size);
            ReadExactly(handle, bytes.AsSpan(0, size));
            var decoded = SourceDecoder.Decode(display, bytes.AsSpan(0, size));
            if (decoded.Problem is not null)
            {
                diagnostics.Add(decoded.Problem);
            }

            return decoded.File;
        }
        catch (IOException e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnreadableFile, $"cannot read the file: {e.Message}", SourceSpan.StartOf(display)));
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            diagnostics.Add(Diagnostic.Error(DiagnosticCodes.UnreadableFile, $"cannot read the file: {e.Message}", SourceSpan.StartOf(display)));
            return null;
        }
        finally
        {
            if (bytes is not null)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from the start of the file; a file that shrank meanwhile fails as a stream's ReadExactly does.</summary>
    private static void ReadExactly(SafeFileHandle handle, Span<byte> buffer)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[filled..], filled);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            filled += read;
        }
    }

    /// <summary>A YAML file below the root, and its path relative to the root (with forward slashes).</summary>
    private sealed record FoundFile(FileInfo File, string Relative);
}
