using AccessSync.Core.Rendering;

namespace AccessSync.Core.Tests;

public class PolicyTextDiffTests
{
    [Test]
    public void Every_line_is_shown_and_removed_lines_come_before_added_ones()
    {
        var lines = PolicyTextDiff.Lines("name: P\ndecision: allow\nsession_duration: 8h\n", "name: P\ndecision: deny\nsession_duration: 1h\n");

        lines.Select(l => $"{l.Marker}{l.Text}").ShouldBe([" name: P", "-decision: allow", "-session_duration: 8h", "+decision: deny", "+session_duration: 1h"]);
    }

    [Test]
    public void A_change_of_indentation_is_a_difference()
    {
        var lines = PolicyTextDiff.Lines("a:\n  b: 1\n", "a:\n    b: 1\n");

        lines.Select(l => l.Marker).ShouldBe([' ', '-', '+']);
    }

    [Test]
    public void A_policy_with_nothing_on_one_side_is_wholly_added_or_removed()
    {
        PolicyTextDiff.Lines(string.Empty, "name: P\n").ShouldBe([new DiffLine('+', "name: P")]);
        PolicyTextDiff.Lines("name: P\n", string.Empty).ShouldBe([new DiffLine('-', "name: P")]);
        PolicyTextDiff.Lines(string.Empty, string.Empty).ShouldBeEmpty();
    }
}
