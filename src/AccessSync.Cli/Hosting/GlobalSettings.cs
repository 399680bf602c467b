using AccessSync.Core.Loading;
using Serilog.Events;

namespace AccessSync.Cli.Hosting;

public enum LogFormat
{
    Text,
    Json,
}

/// <summary>The options every command shares.</summary>
public sealed record GlobalSettings(LogEventLevel LogLevel, LogFormat LogFormat, bool NoColor, ScopeFallbacks Scopes);
