namespace AccessSync.Testing;

/// <summary>Files written to hurt the tool that reads them, as a pull request may bring them.</summary>
public static class HostileYaml
{
    /// <summary>
    /// Nine anchors, each aliasing the one before nine times: 9^9 (387 million) nodes once expanded, in 9 lines.
    /// With aliases expanded below the limit, line 6's second alias (column 12) is the first to pass it.
    /// </summary>
    public const string AliasBomb = """
        a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
        h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
        i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
        """;
}
