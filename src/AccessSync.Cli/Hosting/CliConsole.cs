namespace AccessSync.Cli.Hosting;

/// <summary>Where results (stdout) and logs and prompts (stderr) go, and where answers to a prompt come from.</summary>
/// <param name="InputIsTerminal">A person can answer a prompt: stdin is not redirected.</param>
/// <param name="OutputIsTerminal">A person reads stdout: it is not redirected, so colour helps.</param>
/// <param name="ErrorIsTerminal">A person watches stderr: a progress line helps.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool InputIsTerminal, bool OutputIsTerminal, bool ErrorIsTerminal)
{
    public CliConsole(TextWriter output, TextWriter error)
        : this(output, error, TextReader.Null, InputIsTerminal: false, OutputIsTerminal: false, ErrorIsTerminal: false)
    {
    }

    /// <summary>Colour on stdout: only for a person at a terminal who has not asked for none (<see cref="GlobalSettings.NoColor"/>).</summary>
    public bool UseColor(bool noColor) => OutputIsTerminal && !noColor;
}
