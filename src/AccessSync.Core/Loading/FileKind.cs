using AccessSync.Core.Diagnostics;
using AccessSync.Core.Schema;
using AccessSync.Core.Sources;
using AccessSync.Core.Yaml;

namespace AccessSync.Core.Loading;

/// <summary>What a policy file defines, which decides the part of the schema it must satisfy.</summary>
public enum FileKind
{
    Application,
    ReusablePolicy,
    AccessTest,
}

/// <summary>
/// Decides a file's kind before the schema sees it: its top-level <c>kind</c> when it says one, else where it
/// lies (files under <c>reusable/</c> at the root define reusable policies, files under <c>tests/</c> hold access
/// tests, all others define applications).
/// </summary>
public static class FileKinds
{
    /// <summary>The folder, directly under the root, whose files each define one reusable policy.</summary>
    public const string ReusableFolder = "reusable";

    /// <summary>The top-level key that says a file's kind.</summary>
    public const string KindKey = "kind";

    public const string ApplicationKind = "application";

    public const string ReusablePolicyKind = "reusable-policy";

    /// <summary>The folder, directly under the root, whose files each hold access tests.</summary>
    public const string TestsFolder = "tests";

    public const string AccessTestKind = "access-test";

    public static bool InReusableFolder(string? relativePath) => InFolder(relativePath, ReusableFolder);

    public static bool InTestsFolder(string? relativePath) => InFolder(relativePath, TestsFolder);

    private static bool InFolder(string? relativePath, string folder) =>
        relativePath is not null
        && relativePath.Length > folder.Length
        && relativePath[folder.Length] == '/'
        && relativePath.StartsWith(folder, StringComparison.Ordinal);

    /// <summary>
    /// The file's kind, or, when its <c>kind</c> is unknown or contradicts its folder, the error at that value
    /// instead: checking the file against a definition it does not mean would only bury that one mistake under
    /// others.
    /// </summary>
    public static (FileKind? Kind, Diagnostic? Problem) Of(SourceFile source, LocatedNode? root)
    {
        var folder = InReusableFolder(source.RelativePath) ? FileKind.ReusablePolicy
            : InTestsFolder(source.RelativePath) ? FileKind.AccessTest
            : FileKind.Application;
        if (root is not LocatedMapping mapping || mapping[KindKey] is not { } kind)
        {
            return (folder, null);
        }

        var written = (kind as LocatedScalar)?.AsString();
        return (written, folder) switch
        {
            (ReusablePolicyKind, not FileKind.AccessTest) => (FileKind.ReusablePolicy, null),
            (AccessTestKind, not FileKind.ReusablePolicy) => (FileKind.AccessTest, null),
            (ApplicationKind, FileKind.Application) => (FileKind.Application, null),
            (_, FileKind.ReusablePolicy) => (null, Problem(kind, written, $"must be {ReusablePolicyKind}: files under {ReusableFolder}/ define reusable policies", ReusablePolicyKind)),
            (_, FileKind.AccessTest) => (null, Problem(kind, written, $"must be {AccessTestKind}: files under {TestsFolder}/ hold access tests", AccessTestKind)),
            _ => (null, Problem(kind, written, $"must be {ApplicationKind}, {ReusablePolicyKind} or {AccessTestKind}", ApplicationKind, ReusablePolicyKind, AccessTestKind)),
        };
    }

    private static Diagnostic Problem(LocatedNode kind, string? written, string rule, params string[] known)
    {
        var nearest = written is null ? null : EditDistance.NearestWithin(written, known);
        var got = (written, nearest) switch
        {
            (null, _) => string.Empty,
            (_, null) => $" (got `{written}`)",
            _ => $" (got `{written}`; did you mean `{nearest}`?)",
        };
        return Diagnostic.Error(DiagnosticCodes.InvalidValue, $"`kind` {rule}{got}", kind.Span);
    }
}
