namespace AccessSync.Core.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}
