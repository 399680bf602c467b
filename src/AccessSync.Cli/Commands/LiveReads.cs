using AccessSync.Core.Applying;
using AccessSync.Core.Live;
using AccessSync.Core.Model;

namespace AccessSync.Cli.Commands;

/// <summary>
/// Reads of live state, one per scope, each started once: the scope a folder's files will most likely plan against
/// is started before they load (the two are independent), any other once the files say they need it. Disposing it
/// stops the reads no one awaited, such as those of a folder whose files turned out to have errors.
/// </summary>
public sealed class LiveReads(IAccessProvider provider, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    private readonly Dictionary<Scope, Task<LiveScope>> reads = [];

    /// <summary>Starts reading the scope, unless it is being read already.</summary>
    public void Start(Scope scope)
    {
        if (!reads.ContainsKey(scope))
        {
            reads[scope] = ReadAsync(scope);
        }
    }

    /// <summary>The live state of exactly these scopes, in this order: those started already, and the others read now.</summary>
    public async Task<LiveState> ForAsync(IReadOnlyList<Scope> scopes)
    {
        foreach (var scope in scopes)
        {
            Start(scope);
        }

        return new LiveState([.. await Task.WhenAll(scopes.Select(scope => reads[scope]))]);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        foreach (var read in reads.Values)
        {
            try
            {
                await read;
            }
#pragma warning disable CA1031 // A read no one needed failed or was stopped: there is no one to tell.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        stop.Dispose();
    }

    private async Task<LiveScope> ReadAsync(Scope scope) => (await provider.ReadAsync([scope], stop.Token)).Scopes.Single();
}
