namespace AccessSync.Testing;

/// <summary>Finds the repository from a test's output folder, so tests read examples/ and Approved/ from source.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccessSync.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AccessSync.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    public static string Examples => Path.Combine(Root, "examples");

    public static string InvalidExamples => Path.Combine(Examples, "invalid");

    public static string Schema => Path.Combine(Root, "schemas", "accesssync.schema.json");
}
