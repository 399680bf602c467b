namespace AccessSync.Core.Rendering;

/// <summary>How a section of the plan writes its changes, for where it is read.</summary>
internal enum SectionNotation
{
    /// <summary>
    /// For a terminal or a CI log: <c>~ update "X"</c>, <c>↕ reorder</c>, and a changed value on one line,
    /// <c>session_duration: 8h → 24h</c>.
    /// </summary>
    Terminal,

    /// <summary>
    /// For a Markdown <c>diff</c> fence, which GitHub colours by a line's first character: an update's or a
    /// reorder's line as a hunk header, <c>@@ ~ update "X" @@</c>, and a changed value as a <c>-</c> line with the
    /// old value and a <c>+</c> line with the new, so that each is coloured as what goes and what comes.
    /// </summary>
    DiffFence,
}
