using AccessSync.Core.Loading;
using Serilog.Events;

namespace AccessSync.Cli.Hosting;

public enum LogFormat
{
    Text,
    Json,
}

/// <summary>The options every command shares.</summary>
/// <param name="NoColor">--no-color, or NO_COLOR set: never colour output.</param>
public sealed record GlobalSettings(LogEventLevel LogLevel, LogFormat LogFormat, bool NoColor, ScopeFallbacks Scopes);
