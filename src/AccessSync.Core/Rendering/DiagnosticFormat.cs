namespace AccessSync.Core.Rendering;

public enum DiagnosticFormat
{
    /// <summary><c>path:line:col: error: message [rule-id]</c>, as compilers print.</summary>
    Text,

    /// <summary>GitHub Actions workflow commands, which annotate the pull request's diff.</summary>
    GitHub,
}
