namespace AccessSync.Cli;

/// <summary>The process exit codes, a contract with every script and CI job that runs AccessSync.</summary>
public static class ExitCodes
{
    /// <summary>Success; for plan, no changes.</summary>
    public const int Success = 0;

    /// <summary>Invalid files, a failed change, or any other error.</summary>
    public const int Error = 1;

    /// <summary>plan --detailed-exitcode: the plan has changes.</summary>
    public const int ChangesPresent = 2;

    /// <summary>A safety threshold refused the plan, or the files fail an access test; --force overrides.</summary>
    public const int RefusedBySafety = 3;

    /// <summary>apply --plan: live state changed since the plan was made.</summary>
    public const int StalePlan = 4;

    /// <summary>apply: after its last write, live differed from what it applied; another writer changed it meanwhile.</summary>
    public const int ChangedDuringApply = 5;

    /// <summary>The command line was wrong (sysexits.h EX_USAGE).</summary>
    public const int Usage = 64;

    /// <summary>Stopped by Ctrl-C (SIGINT): 128 + 2, the shell's convention.</summary>
    public const int Interrupted = 130;

    /// <summary>Stopped by SIGTERM, as a cancelled CI job is: 128 + 15.</summary>
    public const int Terminated = 143;

    public const string HelpText = """
        Exit codes:
          0   success (plan: no changes)
          1   invalid files or another error
          2   plan --detailed-exitcode: changes present
          3   refused by a safety threshold or a failing access test (use --force)
          4   the saved plan is stale
          5   apply: live changed during apply (another writer?)
          64  usage error
          130 stopped by Ctrl-C (SIGINT)
          143 stopped by SIGTERM
        """;
}
