using System.Text;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;

namespace AccessSync.Cli.GitHub;

/// <summary>
/// The plan as one Markdown document for <c>$GITHUB_STEP_SUMMARY</c>, which GitHub caps at 1 MiB per step: a plan
/// too large for what is left of that is cut between applications and says so.
/// </summary>
public static class StepSummary
{
    /// <summary>GitHub's limit on one step's summary, in bytes.</summary>
    public const int LimitBytes = 1024 * 1024;

    /// <summary>The smallest part the renderer can make; below it only the note is written.</summary>
    private const int SmallestPart = 1_000;

    /// <summary>The Markdown for a summary of at most <paramref name="budgetBytes"/> UTF-8 bytes (empty when not even the note fits), and whether it was cut.</summary>
    public static (string Markdown, bool Truncated) Render(PlanReview review, MarkdownPlanRenderer renderer, long budgetBytes)
    {
        ArgumentNullException.ThrowIfNull(review);
        var plan = review.Plan;
        ArgumentNullException.ThrowIfNull(renderer);
        // Most plans fit whole: one part, the very document Render gives.
        if (budgetBytes >= SmallestPart && renderer.RenderParts(review, (int)Math.Min(int.MaxValue, budgetBytes)) is [var whole] && Bytes(whole) <= budgetBytes)
        {
            return (whole, false);
        }

        // Else the first part and the note, the limit lowered until the part fits in bytes too (a character may take three).
        for (var maxChars = (int)Math.Min(int.MaxValue, budgetBytes - Bytes(Note(plan, int.MaxValue))); maxChars >= SmallestPart; maxChars = maxChars * 9 / 10)
        {
            var parts = renderer.RenderParts(review, maxChars);
            var document = parts[0] + Note(plan, parts.Count);
            if (Bytes(document) <= budgetBytes)
            {
                return (document, true);
            }
        }

        var note = Note(plan, shownParts: 0);
        return (Bytes(note) <= budgetBytes ? note : string.Empty, true);
    }

    /// <summary>Appends the summary to the file GitHub Actions named, within what the step has left of its 1 MiB.</summary>
    /// <returns>What was written, for the command's report.</returns>
    public static async Task<(long Bytes, bool Truncated)> AppendAsync(string path, PlanReview review, MarkdownPlanRenderer renderer, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        var used = file.Exists ? file.Length : 0;

        // A newline first, so that whatever an earlier command wrote does not run into the plan's marker line.
        var separator = used > 0 ? "\n" : string.Empty;
        var (text, truncated) = Render(review, renderer, LimitBytes - 1 - used - separator.Length);
        if (text.Length == 0)
        {
            return (0, truncated);
        }

        await File.AppendAllTextAsync(path, separator + text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
        return (Bytes(separator + text), truncated);
    }

    private static string Note(Plan plan, int shownParts) =>
        $"\n> [!WARNING]\n> **This plan is truncated**: it is larger than the 1 MiB GitHub allows a step summary"
        + (shownParts > 0 ? $", so only its first part of {shownParts} is shown" : ", so none of it is shown")
        + $". The whole plan is in the job log and in the saved plan file.\n> {plan.Summary}\n";

    private static long Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
