namespace AccessSync.Testing;

/// <summary>A copy of the examples' policy files in a temporary folder, free to change and to hold a sandbox.</summary>
public sealed class ExampleTree : IDisposable
{
    private readonly TempFolder folder = new();

    public ExampleTree()
    {
        File.Copy(System.IO.Path.Combine(RepositoryPaths.Examples, "accesssync.yaml"), System.IO.Path.Combine(folder.Path, "accesssync.yaml"));
        foreach (var subfolder in new[] { "apps", "reusable" })
        {
            foreach (var file in Directory.EnumerateFiles(System.IO.Path.Combine(RepositoryPaths.Examples, subfolder)))
            {
                folder.Write(System.IO.Path.Combine(subfolder, System.IO.Path.GetFileName(file)), File.ReadAllText(file));
            }
        }
    }

    public string Path => folder.Path;

    public void Write(string relativePath, string content) => folder.Write(relativePath, content);

    public static string LiveJson => System.IO.Path.Combine(RepositoryPaths.Examples, "live.json");

    public string SandboxState => System.IO.Path.Combine(Path, ".accesssync", "sandbox.json");

    public void Edit(string relativePath, Func<string, string> change)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        File.WriteAllText(full, change(File.ReadAllText(full)));
    }

    public void Dispose() => folder.Dispose();
}
