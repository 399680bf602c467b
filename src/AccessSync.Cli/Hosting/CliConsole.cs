namespace AccessSync.Cli.Hosting;

/// <summary>Where results (stdout) and logs and prompts (stderr) go.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    public static bool ColorDisabled(bool noColorOption) =>
        noColorOption || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
