using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace AccessSync.Testing;

/// <summary>
/// Approved-file (golden) checks. The approved text lives beside the test, in Approved/; on a mismatch the actual
/// text is written next to it as *.received.txt for review, and approving is renaming it.
/// </summary>
public static class Approvals
{
    public static void Verify(string actual, string name, [CallerFilePath] string testFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(SourcePath(testFile))!, "Approved");
        var approvedPath = Path.Combine(folder, name + ".approved.txt");
        var receivedPath = Path.Combine(folder, name + ".received.txt");
        var normalised = actual.ReplaceLineEndings("\n");
        if (File.Exists(approvedPath) && File.ReadAllText(approvedPath).ReplaceLineEndings("\n") == normalised)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalised);
        Assert.Fail($"{name}: the output differs from {approvedPath}.\nReview {receivedPath}; if it is right, rename it to the approved file.\n--- actual ---\n{normalised}");
    }

    /// <summary>
    /// A deterministic (CI) build records source paths as /_/…; map such a path back into this checkout.
    /// </summary>
    private static string SourcePath(string compiledPath) =>
        compiledPath.StartsWith("/_/", StringComparison.Ordinal)
            ? Path.Combine(RepositoryPaths.Root, compiledPath["/_/".Length..])
            : compiledPath;
}
