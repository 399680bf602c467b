namespace AccessSync.Cli.Files;

/// <summary>Paths as the user should see them: relative to the working folder, with '/' on every platform.</summary>
public static class DisplayPath
{
    public static string Of(string fullPath) =>
        Path.GetRelativePath(Environment.CurrentDirectory, fullPath).Replace('\\', '/');
}
