namespace AccessSync.Core.Applying;

/// <summary>
/// Told of each write the moment it ends. Called from the task that made the write, several at once when
/// applications are written in parallel: an observer serialises what it does with them.
/// </summary>
public interface IApplyObserver
{
    void WriteEnded(WriteRecord write);
}
