using AccessSync.Core.Diagnostics;
using AccessSync.Core.Loading;
using AccessSync.Core.Model;
using AccessSync.Core.Sources;

namespace AccessSync.Core.Tests.Support;

/// <summary>Loads YAML written inline in a test, the way the CLI loads a file.</summary>
internal static class Load
{
    public const string Path = "apps/test.yaml";

    public const string ReusablePath = "reusable/test.yaml";

    public static LoadResult<ApplicationFile> Application(string yaml, PolicySettings? defaults = null) =>
        FileLoader.LoadApplication(new SourceFile(Path, yaml), defaults ?? PolicySettings.None);

    public static ApplicationFile ValidApplication(string yaml, PolicySettings? defaults = null)
    {
        var result = Application(yaml, defaults);
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty, "the YAML was meant to be valid");
        return result.Value!;
    }

    /// <summary>The one diagnostic the YAML is meant to produce.</summary>
    public static Diagnostic SingleDiagnostic(string yaml)
    {
        var diagnostics = Application(yaml).Diagnostics;
        Assert.That(diagnostics, Has.Length.EqualTo(1), () => "expected one diagnostic, got:\n" + string.Join("\n", diagnostics));
        return diagnostics[0];
    }

    public static LoadResult<ReusablePolicyFile> Reusable(string yaml, PolicySettings? defaults = null) =>
        FileLoader.LoadReusable(new SourceFile(ReusablePath, yaml), defaults ?? PolicySettings.None);

    /// <summary>Files loaded together as the CLI loads a folder: each path is also the file's path below the root.</summary>
    public static LoadResult<Project> Project(params (string Path, string Yaml)[] files) =>
        Project(RootConfig.Default, ScopeFallbacks.None, files);

    public static LoadResult<Project> Project(RootConfig config, ScopeFallbacks fallbacks, params (string Path, string Yaml)[] files) =>
        ProjectLoader.Load(config, [.. files.Select(f => new SourceFile(f.Path, f.Yaml) { RelativePath = f.Path })], fallbacks);

    /// <summary>The project files that are meant to be valid make: failing the test with every error when they do not.</summary>
    public static Project ShouldBeValid(this LoadResult<Project> result)
    {
        Assert.That(result.Diagnostics.Where(d => d.IsError), Is.Empty, "the files were meant to be valid");
        return result.Value!;
    }

    /// <summary>A minimal valid file with <paramref name="policyBody"/> as the body of its only policy.</summary>
    public static string WithPolicy(string policyBody) =>
        "app:\n  name: Test\npolicies:\n  - name: P\n" + string.Join("\n", policyBody.Split('\n').Select(l => "    " + l)) + "\n";
}
