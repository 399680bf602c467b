using AccessSync.Core.Text;

namespace AccessSync.Core.Tests;

/// <summary>Server text made fit to print: no control sequence reaches a terminal or a comment, and it stays short.</summary>
public class DisplayTextTests
{
    [TestCase("\u001b[2J\u001b]0;owned\u0007done", @"\x1b[2J\x1b]0;owned\x07done")]
    [TestCase("a\u0000b\u007fc", @"a\x00b\x7fc")]
    [TestCase("C1 \u009b31m", @"C1 \u009b31m")]
    [TestCase("txt.\u202egpj", @"txt.\u202egpj")]
    [TestCase("\u2066isolated\u2069 \u200f", @"\u2066isolated\u2069 \u200f")]
    [TestCase("line one\r\nline two\tend", "line one line two end")]
    public void Controls_are_written_as_visible_text(string server, string shown) =>
        DisplayText.ForDisplay(server).ShouldBe(shown);

    [Test]
    public void A_lone_surrogate_is_written_as_visible_text() =>
        DisplayText.ForDisplay("lone " + (char)0xD800 + " half").ShouldBe(@"lone \ud800 half");

    [Test]
    public void Every_character_is_kept_or_escaped_as_the_rules_say()
    {
        // Each of the 65,536 characters alone, and after a character that is escaped: the first takes the shortcut for
        // text with nothing to escape, the second is read character by character. Both must escape exactly the
        // controls, bidirectional controls, separators and surrogates, and keep every other character.
        static bool MustBeEscaped(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E')
            || c is (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029' || char.IsSurrogate(c);

        var wrong = Enumerable.Range(0, char.MaxValue + 1)
            .Select(c => (char)c)
            .Where(c => c is not '\r' and not '\n' and not '\t')
            .Where(c => MustBeEscaped(c)
                ? !DisplayText.Name(c.ToString()).StartsWith('\\') || !DisplayText.Name("\0" + c).StartsWith(@"\x00\", StringComparison.Ordinal)
                : DisplayText.Name(c.ToString()) != c.ToString() || DisplayText.Name("\0" + c) != @"\x00" + c)
            .Select(c => $"U+{(int)c:X4}")
            .ToList();

        wrong.ShouldBeEmpty();
    }

    [TestCase("Zugriff verweigert: ä ö ü ß")]
    [TestCase("访问被拒绝")]
    [TestCase("مرفوض")]
    [TestCase("denied 🔒 👩‍💻")]
    public void Ordinary_text_in_any_script_is_kept(string server) =>
        DisplayText.ForDisplay(server).ShouldBe(server);

    [Test]
    public void Long_text_is_cut_with_an_ellipsis()
    {
        var shown = DisplayText.ForDisplay(new string('x', 10_000));

        shown.ShouldBe(new string('x', DisplayText.DefaultMaxLength) + "…");
    }

    [Test]
    public void Text_of_exactly_the_limit_is_not_cut() =>
        DisplayText.ForDisplay(new string('x', 300)).ShouldBe(new string('x', 300));

    [Test]
    public void A_cut_never_splits_an_escape_or_a_surrogate_pair()
    {
        DisplayText.ForDisplay("abcd\u001b", maxLength: 6).ShouldBe("abcd…");
        DisplayText.ForDisplay("abcd🔒", maxLength: 5).ShouldBe("abcd…");
    }

    [Test]
    public void Nothing_is_empty() => DisplayText.ForDisplay(null).ShouldBeEmpty();
}
