namespace AccessSync.Core.Evaluation;

/// <summary>
/// Whether a rule or a policy matches a request: yes, no, or unknown, when it depends on what Access learns from
/// outside the request (a device posture check, an external evaluation, a user risk score) and the case does not
/// say. Kleene's three-valued logic: an unknown decides nothing that the known values already decide.
/// </summary>
public enum Truth
{
    False,
    True,
    Unknown,
}

/// <summary>And, or and not over <see cref="Truth"/>.</summary>
public static class TruthLogic
{
    public static Truth Of(bool value) => value ? Truth.True : Truth.False;

    public static Truth Not(this Truth truth) => truth switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    public static Truth And(this Truth left, Truth right) =>
        left == Truth.False || right == Truth.False ? Truth.False
        : left == Truth.True && right == Truth.True ? Truth.True
        : Truth.Unknown;

    public static Truth Or(this Truth left, Truth right) =>
        left == Truth.True || right == Truth.True ? Truth.True
        : left == Truth.False && right == Truth.False ? Truth.False
        : Truth.Unknown;
}
