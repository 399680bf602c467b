using System.Runtime.ExceptionServices;

namespace AccessSync.Cloudflare.Http;

/// <summary>Independent requests sent together, whose results are only of use all together.</summary>
internal static class FailFast
{
    /// <summary>
    /// Starts every operation at once and returns their results in the order given. The first to fail cancels the
    /// others, and its exception is the one thrown, not the cancellation it caused in another; the caller's own
    /// cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<T[]> WhenAllAsync<T>(IEnumerable<Func<CancellationToken, Task<T>>> operations, CancellationToken cancellationToken)
    {
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Exception? firstFailure = null;

        async Task<T> Run(Func<CancellationToken, Task<T>> operation)
        {
            try
            {
                return await operation(failFast.Token);
            }
            catch (Exception failure)
            {
                if (failure is not OperationCanceledException)
                {
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }

                await failFast.CancelAsync();
                throw;
            }
        }

        var running = operations.Select(Run).ToList();
        try
        {
            return await Task.WhenAll(running);
        }
        catch when (Volatile.Read(ref firstFailure) is not null && !cancellationToken.IsCancellationRequested)
        {
            // Task.WhenAll rethrows the first task's exception in the order given, which may be a cancellation another's failure caused.
            ExceptionDispatchInfo.Throw(firstFailure!);
            throw;
        }
    }
}
