using System.Buffers;
using AccessSync.Core.Planning;
using AccessSync.Core.Rendering;
using AccessSync.Core.Review;

namespace AccessSync.Core.Tests.Fuzzing;

/// <summary>
/// A plan rendered as a terminal and a pull-request comment show it: whatever names the files and live hold, the text
/// carries no control character but the line end, and no character that reorders what follows (bidi controls).
/// </summary>
public static class PlanRendering
{
    /// <summary>Why a rendering of <paramref name="plan"/> is unsafe to print, or null.</summary>
    public static string? Unsafe(Plan plan)
    {
        var review = PlanReviewer.Review(plan);
        return Unsafe("text", new TextPlanRenderer().Render(review)) ?? Unsafe("Markdown", new MarkdownPlanRenderer().Render(review));
    }

    public static string? Unsafe(string what, string rendered)
    {
        var at = rendered.AsSpan().IndexOfAnyExcept(Safe);
        return at < 0 ? null : $"the {what} plan has U+{(int)rendered[at]:X4} at {at}: …{rendered[Math.Max(0, at - 60)..Math.Min(rendered.Length, at + 20)]}…";
    }

    /// <summary>Whether <paramref name="c"/> is a control character (the line end apart), a bidi control or a line or paragraph separator.</summary>
    public static bool IsUnsafe(char c) =>
        c != '\n' && (char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C' or '\u2028' or '\u2029');

    private static readonly SearchValues<char> Safe = SearchValues.Create([.. Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(c => !IsUnsafe(c))]);
}
