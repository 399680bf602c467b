namespace AccessSync.Cli.Hosting;

/// <summary>
/// A path given on the command line or in a variable: as the user wrote it, for the messages that quote it, and where
/// it points from the command's working folder (not the process's), for reading and writing.
/// </summary>
/// <param name="Text">As given: what <see cref="ToString"/> shows.</param>
/// <param name="FullPath">Absolute, resolved against <see cref="Surroundings.WorkingDirectory"/>.</param>
public sealed record GivenPath(string Text, string FullPath)
{
    public FileInfo AsFile() => new(FullPath);

    public DirectoryInfo AsDirectory() => new(FullPath);

    public override string ToString() => Text;
}
