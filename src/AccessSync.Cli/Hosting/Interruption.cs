using System.Runtime.InteropServices;

namespace AccessSync.Cli.Hosting;

/// <summary>
/// Ctrl-C (SIGINT) and a cancelled CI job (SIGTERM), as a command sees them. The first signal asks the command to
/// stop: <see cref="Stop"/> is cancelled, and a command that writes lets the writes in flight finish, for at most
/// <see cref="Grace"/>. A second signal, or the end of the grace, cancels <see cref="Abandon"/>: what is in flight
/// is abandoned at once. Either way the command still prints what it knows, and exits 128 + the signal's number.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>How long writes in flight may take to finish after the first signal.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource stop = new();
    private readonly CancellationTokenSource abandon = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly TimeSpan grace;
    private int signals;

    public Interruption()
        : this(Grace)
    {
    }

    public Interruption(TimeSpan grace) => this.grace = grace;

    /// <summary>Cancelled by the first signal: start nothing new.</summary>
    public CancellationToken Stop => stop.Token;

    /// <summary>Cancelled by a second signal, or when the grace after the first runs out: abandon what is in flight.</summary>
    public CancellationToken Abandon => abandon.Token;

    /// <summary>The first signal received, if any.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The shell's convention: 130 after SIGINT, 143 after SIGTERM.</summary>
    public int ExitCode => Signal == PosixSignal.SIGINT ? ExitCodes.Interrupted : ExitCodes.Terminated;

    /// <summary>The signal's name, as a report says it: SIGINT or SIGTERM.</summary>
    public string SignalName => Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM";

    /// <summary>
    /// An interruption told of this process's SIGINT and SIGTERM. Each is taken over from the runtime (which would
    /// otherwise end the process at once); after a second signal, a command that has not ended within
    /// <paramref name="lastWords"/> is ended by <paramref name="exit"/>.
    /// </summary>
    public static Interruption OfThisProcess(TimeSpan lastWords, Action<int> exit)
    {
        var interruption = new Interruption();
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            interruption.registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                if (interruption.Raise(context.Signal) > 1)
                {
                    _ = Task.Delay(lastWords).ContinueWith(_ => exit(interruption.ExitCode), TaskScheduler.Default);
                }
            }));
        }

        return interruption;
    }

    /// <summary>A signal arrived; returns how many have so far.</summary>
    public int Raise(PosixSignal signal)
    {
        var count = Interlocked.Increment(ref signals);
        if (count == 1)
        {
            Signal = signal;
            stop.Cancel();
            abandon.CancelAfter(grace);
        }
        else
        {
            abandon.Cancel();
        }

        return count;
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
        abandon.Dispose();
    }
}
