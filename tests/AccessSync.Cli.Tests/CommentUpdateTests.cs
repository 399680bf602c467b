using AccessSync.Cli.GitHub;

namespace AccessSync.Cli.Tests;

/// <summary>Which earlier comments a new plan edits, keeps or deletes, and which it never touches.</summary>
public class CommentUpdateTests
{
    private const string Marker = "<!-- accesssync-plan -->";

    private static IssueComment Comment(long id, string body) => new(id, body, "github-actions[bot]", null);

    [Test]
    public void Earlier_parts_are_edited_in_the_order_they_were_posted_and_extra_parts_created()
    {
        var comments = new[] { Comment(9, $"{Marker}\nold 2"), Comment(3, "a review"), Comment(5, $"{Marker}\nold 1") };

        var updates = CommentUpdate.Plan(comments, Marker, [$"{Marker}\nnew 1", $"{Marker}\nnew 2", $"{Marker}\nnew 3"]);

        updates.ShouldBe(
        [
            new CommentUpdate.Edit(1, comments[2], $"{Marker}\nnew 1"),
            new CommentUpdate.Edit(2, comments[0], $"{Marker}\nnew 2"),
            new CommentUpdate.Create(3, $"{Marker}\nnew 3"),
        ]);
    }

    [Test]
    public void Parts_no_longer_needed_are_deleted_and_unchanged_ones_kept_even_with_crlf_line_ends()
    {
        var comments = new[] { Comment(1, $"{Marker}\r\nsame\r\n"), Comment(2, $"{Marker}\nsurplus") };

        var updates = CommentUpdate.Plan(comments, Marker, [$"{Marker}\nsame\n"]);

        updates.ShouldBe([new CommentUpdate.Keep(1, comments[0]), new CommentUpdate.Delete(comments[1])]);
    }

    [TestCase("<!-- accesssync-plan --> is the marker, isn't it?")]
    [TestCase("> <!-- accesssync-plan -->\n> quoted")]
    [TestCase("<!-- accesssync-plan prod -->\nanother tree's plan")]
    [TestCase(" <!-- accesssync-plan -->\nindented")]
    public void A_comment_whose_first_line_is_not_exactly_the_marker_is_never_touched(string body)
    {
        var updates = CommentUpdate.Plan([Comment(1, body)], Marker, [$"{Marker}\nplan"]);

        updates.ShouldBe([new CommentUpdate.Create(1, $"{Marker}\nplan")]);
    }
}
