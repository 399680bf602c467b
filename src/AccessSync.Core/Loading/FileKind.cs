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
}

/// <summary>
/// Decides a file's kind before the schema sees it: its top-level <c>kind</c> when it says one, else where it
/// lies (files under <c>reusable/</c> at the root define reusable policies, all others applications).
/// </summary>
public static class FileKinds
{
    /// <summary>The folder, directly under the root, whose files each define one reusable policy.</summary>
    public const string ReusableFolder = "reusable";

    /// <summary>The top-level key that says a file's kind.</summary>
    public const string KindKey = "kind";

    public const string ApplicationKind = "application";

    public const string ReusablePolicyKind = "reusable-policy";

    public static bool InReusableFolder(string? relativePath) =>
        relativePath is not null && relativePath.StartsWith(ReusableFolder + "/", StringComparison.Ordinal);

    /// <summary>
    /// The file's kind, or, when its <c>kind</c> is unknown or contradicts its folder, the error at that value
    /// instead: checking the file against a definition it does not mean would only bury that one mistake under
    /// others.
    /// </summary>
    public static (FileKind? Kind, Diagnostic? Problem) Of(SourceFile source, LocatedNode? root)
    {
        var inFolder = InReusableFolder(source.RelativePath);
        if (root is not LocatedMapping mapping || mapping[KindKey] is not { } kind)
        {
            return (inFolder ? FileKind.ReusablePolicy : FileKind.Application, null);
        }

        var written = (kind as LocatedScalar)?.AsString();
        return (written, inFolder) switch
        {
            (ReusablePolicyKind, _) => (FileKind.ReusablePolicy, null),
            (ApplicationKind, false) => (FileKind.Application, null),
            (_, true) => (null, Problem(kind, written, $"must be {ReusablePolicyKind}: files under {ReusableFolder}/ define reusable policies", ReusablePolicyKind)),
            _ => (null, Problem(kind, written, $"must be {ApplicationKind} or {ReusablePolicyKind}", ApplicationKind, ReusablePolicyKind)),
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
