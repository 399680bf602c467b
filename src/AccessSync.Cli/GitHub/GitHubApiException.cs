namespace AccessSync.Cli.GitHub;

/// <summary>The GitHub API refused a request or could not be reached; the message is one line without any credential.</summary>
public sealed class GitHubApiException(string message, int? statusCode = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The HTTP status, or null when there was no answer.</summary>
    public int? StatusCode { get; } = statusCode;
}
