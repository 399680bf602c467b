using System.IO.Compression;
using System.Reflection;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using AccessSync.Testing;

namespace AccessSync.Cli.Tests;

/// <summary>The `accesssync` .NET tool as a user installs it: packed, installed from the package, and run.</summary>
/// <remarks>
/// The slowest test, and much of it waits on the packing: among the command-line tests, and started before them, the
/// others run beside it (a test project of its own would run before or after them, not beside).
/// </remarks>
[Category("Packaging")]
#pragma warning disable CS0618 // Deprecated for ordering tests that depend on each other; here it only starts this one first.
[Order(1)]
#pragma warning restore CS0618
public partial class PackagingTests
{
    [Test]
    public async Task The_packed_tool_installs_and_validates_the_examples_and_plans_in_its_sandbox()
    {
        using var temp = new TempFolder();
        var packages = Path.Combine(temp.Path, "packages");
        var tools = Path.Combine(temp.Path, "tools");

        // Packing publishes the tool for each platform it is packed for (ReadyToRun for linux-x64), which the build
        // this test runs in does not: it is packed from the sources, in the same configuration.
        var pack = await Dotnet(RepositoryPaths.Root, "pack", Path.Combine("src", "AccessSync.Cli"), "-c", Configuration, "-o", packages);
        pack.ExitCode.ShouldBe(0, pack.StdOut + pack.StdErr);
        var package = Directory.GetFiles(packages, "*.nupkg").Single(p => PackageVersion().IsMatch(Path.GetFileName(p)));
        var version = PackageVersion().Match(Path.GetFileName(package)).Groups["version"].Value;
        Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).ShouldBe(
            [$"AccessSync.{version}.nupkg", $"AccessSync.any.{version}.nupkg", $"AccessSync.linux-x64.{version}.nupkg"],
            ignoreOrder: true);
        using (var zip = ZipFile.OpenRead(package))
        {
            // nuget.org shows the README on the package's page; this package only names the one for each platform.
            zip.GetEntry("README.md").ShouldNotBeNull("the package carries the README");
            zip.Entries.Select(e => e.FullName).ShouldContain("tools/any/any/DotnetToolSettings.xml");
        }

        using (var zip = ZipFile.OpenRead(Path.Combine(packages, $"AccessSync.any.{version}.nupkg")))
        {
            // The portable package, for every platform but linux-x64: the tool needs nothing else beside its assemblies.
            zip.Entries.Select(e => e.FullName).ShouldContain("tools/net10.0/any/accesssync.dll");
        }

        // Only the folder just packed as a source: nothing is fetched, and no package of that name elsewhere can be taken for it.
        temp.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = await ExternalProcess.RunAsync(
            "dotnet",
            ["tool", "install", "AccessSync", "--tool-path", tools, "--add-source", packages, "--version", version, "--configfile", Path.Combine(temp.Path, "nuget.config")],
            temp.Path,
            new Dictionary<string, string?>(ToolEnvironment) { ["NUGET_PACKAGES"] = Path.Combine(temp.Path, "nuget-packages") }); // no stale copy of the same version
        install.ExitCode.ShouldBe(0, install.StdOut + install.StdErr);

        var accesssync = Path.Combine(tools, OperatingSystem.IsWindows() ? "accesssync.exe" : "accesssync");
        var versionOutput = await ExternalProcess.RunAsync(accesssync, ["--version"], temp.Path, ToolEnvironment);
        var validate = await ExternalProcess.RunAsync(accesssync, ["validate", RepositoryPaths.Examples], temp.Path, ToolEnvironment);
        using var tree = new ExampleTree();
        var plan = await ExternalProcess.RunAsync(accesssync, ["plan", "--sandbox", "--detailed-exitcode"], tree.Path, ToolEnvironment);

        if (RuntimeInformation.RuntimeIdentifier == "linux-x64")
        {
            var installed = Directory.GetFiles(Path.Combine(tools, ".store"), "accesssync.dll", SearchOption.AllDirectories).ShouldHaveSingleItem();
            IsReadyToRun(installed).ShouldBeTrue($"{installed} is the linux-x64 package's, compiled ahead of time");
        }

        versionOutput.ExitCode.ShouldBe(0, versionOutput.StdErr);
        versionOutput.StdOut.Trim().ShouldBe(version);
        validate.ExitCode.ShouldBe(ExitCodes.Success, validate.StdOut + validate.StdErr);
        validate.StdOut.ShouldContain("0 errors");
        plan.ExitCode.ShouldBe(ExitCodes.ChangesPresent, plan.StdOut + plan.StdErr);
        plan.StdOut.ShouldContain("Plan: ");
    }

    /// <summary>An assembly with native code beside its IL (ReadyToRun) says where in its CLI header.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }

    /// <summary>The configuration the tests were built in (Debug, or Release in CI).</summary>
    private static string Configuration =>
        typeof(PackagingTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// The installed tool's launcher finds .NET through DOTNET_ROOT or the machine-wide install: point it at the .NET
    /// these tests run on, which a private install (~/.dotnet) would otherwise leave it without.
    /// </summary>
    private static Dictionary<string, string?> ToolEnvironment => new()
    {
        ["DOTNET_ROOT"] = Environment.GetEnvironmentVariable("DOTNET_ROOT")
            ?? Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    /// <summary>
    /// Packing compiles the tool again, for linux-x64 ahead of time, while the other tests run: on a busy machine that
    /// takes minutes, not the minute any other program gets.
    /// </summary>
    [Test]
    public async Task A_release_packs_the_tool_for_every_platform_a_ci_runner_uses_and_the_ci_workflow_packs_a_release()
    {
        // The platforms a pack makes packages for, as MSBuild evaluates the project: no build and no restore, so the
        // release's runtime packs are not fetched here (the packages themselves were packed and their images' headers
        // read once, by hand: each holds code compiled for its platform).
        var project = Path.Combine("src", "AccessSync.Cli");
        var release = await Dotnet(RepositoryPaths.Root, "msbuild", project, "-getProperty:ToolPackageRuntimeIdentifiers", "-p:ToolPlatforms=all");
        var everyday = await Dotnet(RepositoryPaths.Root, "msbuild", project, "-getProperty:ToolPackageRuntimeIdentifiers");

        release.StdOut.Trim().Split(';').ShouldBe(["linux-x64", "linux-arm64", "osx-arm64", "win-x64", "any"], ignoreOrder: true, release.StdErr);
        everyday.StdOut.Trim().Split(';').ShouldBe(["linux-x64", "any"], ignoreOrder: true, everyday.StdErr);
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".github", "workflows", "ci.yml"))
            .ShouldContain("dotnet pack src/AccessSync.Cli -c Release -o artifacts -p:ToolPlatforms=all");
    }

    private static Task<ProcessResult> Dotnet(string workingDirectory, params string[] args) =>
        ExternalProcess.RunAsync("dotnet", args, workingDirectory, ToolEnvironment, patience: TimeSpan.FromMinutes(5));

    [GeneratedRegex(@"^AccessSync\.(?<version>\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.nupkg$")]
    private static partial Regex PackageVersion();
}
