namespace AccessSync.Core.PlanFiles;

/// <summary>A saved plan that cannot be read: not JSON, another format version, or a member missing or of the wrong kind.</summary>
public sealed class PlanFormatException : Exception
{
    public PlanFormatException()
    {
    }

    public PlanFormatException(string message)
        : base(message)
    {
    }

    public PlanFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
