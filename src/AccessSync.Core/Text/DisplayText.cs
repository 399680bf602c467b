using System.Globalization;
using System.Text;

namespace AccessSync.Core.Text;

/// <summary>
/// Text from outside made fit to print on a terminal, in a log or in a pull request comment: what a server sent (an
/// API error message, a reason phrase, a body a parser quotes back) and the names anyone who may edit an object in
/// the account gives it (an application, a policy, a group). Neither is trusted: it could hold terminal control
/// sequences (clear the screen, rewrite the window title, hide a line), right-to-left overrides that make a line
/// read other than it is, line breaks that forge a line of a plan, or a megabyte of text.
/// </summary>
/// <remarks>
/// What holds for every result: it is one line; it contains no C0 or C1 control character, no DEL, no bidirectional
/// control (embeddings, overrides, isolates, marks), no line or paragraph separator and no lone surrogate. Each of
/// those is written as visible text instead (<c>\x1b</c>, <c>\u202e</c>), so a reader still sees that it was there,
/// except that in server text (<see cref="ForDisplay"/>) line breaks and tabs become one space; in a name
/// (<see cref="Name"/>) they too are written as escapes, since two names must not look alike when they differ. Every other character, any script or emoji, is kept as it is.
/// The result is at most <c>maxLength</c> characters plus an ellipsis, cut between whole escapes and whole
/// characters, never inside one.
/// </remarks>
public static class DisplayText
{
    public const int DefaultMaxLength = 300;

    /// <summary>
    /// A name is shown whole up to this length: a policy file may hold names this long (<see cref="Sources.SourceLimits.MaxValueLength"/>),
    /// and a plan shows them as written; only a longer live name is cut.
    /// </summary>
    public const int MaxNameLength = Sources.SourceLimits.MaxValueLength;

    /// <summary>A name (of an application, policy, group, file) as a plan or report shows it: every character that is not plain text escaped.</summary>
    public static string Name(string? name) => Display(name, MaxNameLength, foldLineBreaks: false);

    /// <summary>Server text, on one line: line breaks and tabs read as one space.</summary>
    public static string ForDisplay(string? text, int maxLength = DefaultMaxLength) => Display(text, maxLength, foldLineBreaks: true);


    private const string Ellipsis = "…";

    /// <summary>
    /// Whether <see cref="PieceAt"/> shows <paramref name="c"/> as itself: all but controls, bidirectional controls,
    /// line and paragraph separators, and surrogates (a valid pair is kept, but is told apart from a lone half only
    /// there). A plain test, not a vectorised search: the names it reads are short, and a search would be compiled
    /// on first use in every run.
    /// </summary>
    private static bool IsPlain(char c) =>
        c >= 0x20 && (c < 0x7F || c > 0x9F) && !IsBidiControl(c) && c is not '\u2028' and not '\u2029' && !char.IsSurrogate(c);

    private static string Display(string? text, int maxLength, bool foldLineBreaks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text.Length <= maxLength && AllPlain(text))
        {
            return text; // nearly every text: nothing to escape and short enough, so shown as it is, without a copy
        }

        var shown = new StringBuilder(Math.Min(text.Length, maxLength) + Ellipsis.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsPlain(text[i]))
            {
                if (shown.Length + 1 > maxLength)
                {
                    return shown.Append(Ellipsis).ToString();
                }

                shown.Append(text[i]);
                continue;
            }

            var piece = PieceAt(text, ref i, foldLineBreaks);
            if (foldLineBreaks && piece == " " && shown.Length > 0 && shown[^1] == ' ' && IsLineBreakOrTab(text[i]))
            {
                continue; // "\r\n" and indented continuation lines read as one space
            }

            if (shown.Length + piece.Length > maxLength)
            {
                return shown.Append(Ellipsis).ToString();
            }

            shown.Append(piece);
        }

        return shown.ToString();
    }

    /// <summary>The character at <paramref name="i"/> as it is shown; a surrogate pair is one piece, and moves <paramref name="i"/> past both halves.</summary>
    private static string PieceAt(string text, ref int i, bool foldLineBreaks)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
        {
            i++;
            return text.Substring(i - 1, 2);
        }

        if (foldLineBreaks && IsLineBreakOrTab(c))
        {
            return " ";
        }

        if (c < 0x20 || c == 0x7F)
        {
            return "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture);
        }

        if ((c >= 0x80 && c <= 0x9F) || IsBidiControl(c) || c is '\u2028' or '\u2029' || char.IsSurrogate(c))
        {
            return "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
        }

        return c.ToString();
    }

    private static bool AllPlain(string text)
    {
        foreach (var c in text)
        {
            if (!IsPlain(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLineBreakOrTab(char c) => c is '\r' or '\n' or '\t';

    /// <summary>The characters that change the direction in which the text around them is shown (Unicode's Bidi_Control).</summary>
    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
