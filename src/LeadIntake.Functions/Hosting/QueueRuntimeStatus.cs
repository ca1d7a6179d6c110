namespace LeadIntake.Functions.Hosting;

/// <summary>
/// What the standalone queue runtime is doing, for <see cref="Health"/> and the logs: each listener's state, and
/// whether storage is in an outage as the listeners see it. An outage starts at the first failure any listener meets
/// and ends when every listener that failed has been answered again: one warning at its start, one information at its
/// end with its duration, whatever the number of failed calls in between.
/// </summary>
internal sealed partial class QueueRuntimeStatus(TimeProvider time, ILogger<QueueRuntimeStatus> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ListenerState> _listeners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);
    private DateTimeOffset? _outageSince;
    private int _failingCount;
    private long _restarts;

    public void ListenerRunning(string function)
    {
        lock (_gate) _listeners[function] = ListenerState.Running;
    }

    /// <summary>The listener's loop ended while the app was not stopping (<paramref name="exception"/> null: it returned).</summary>
    public void ListenerDown(string function, Exception? exception)
    {
        lock (_gate) _listeners[function] = ListenerState.Down;
        Interlocked.Increment(ref _restarts);
        LogListenerDown(logger, exception, function);
    }

    public void ListenerStopped(string function)
    {
        lock (_gate) _listeners[function] = ListenerState.Stopped;
    }

    /// <summary>A storage call of <paramref name="source"/> (a queue name) failed with an outage; it is retried with back-off.</summary>
    public void StorageFailed(string source, Exception exception)
    {
        bool started = false;
        lock (_gate)
        {
            if (_failing.Add(source)) Interlocked.Increment(ref _failingCount);
            if (_outageSince is null)
            {
                _outageSince = time.GetUtcNow();
                started = true;
            }
        }
        if (started) LogOutageStarted(logger, exception.GetType().Name, source);
    }

    /// <summary>A storage call of <paramref name="source"/> succeeded. Cheap when nothing failed: called on every poll.</summary>
    public void StorageAnswered(string source)
    {
        if (Volatile.Read(ref _failingCount) == 0) return;
        TimeSpan? ended = null;
        lock (_gate)
        {
            if (!_failing.Remove(source)) return;
            Interlocked.Decrement(ref _failingCount);
            if (_failing.Count == 0 && _outageSince is { } since)
            {
                ended = time.GetUtcNow() - since;
                _outageSince = null;
            }
        }
        if (ended is { } duration) LogOutageEnded(logger, duration.TotalSeconds);
    }

    public QueueRuntimeSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new QueueRuntimeSnapshot(
                new Dictionary<string, ListenerState>(_listeners, StringComparer.Ordinal),
                _outageSince,
                Interlocked.Read(ref _restarts));
        }
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Storage unreachable ({ExceptionType}, first seen by {Source}); queue listeners retry with back-off")]
    private static partial void LogOutageStarted(ILogger logger, string exceptionType, string source);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Storage reachable again after an outage of {OutageSeconds:0.0} s; queue listeners resume")]
    private static partial void LogOutageEnded(ILogger logger, double outageSeconds);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "Queue listener of {Function} stopped unexpectedly; restarting it")]
    private static partial void LogListenerDown(ILogger logger, Exception? exception, string function);
}

/// <summary>A listener's state: running, down (its supervisor restarts it), or stopped with the app.</summary>
internal enum ListenerState
{
    Running,
    Down,
    Stopped,
}

/// <summary>The runtime's state at one instant: listeners by function, the outage's start if storage is out, restarts so far.</summary>
internal sealed record QueueRuntimeSnapshot(IReadOnlyDictionary<string, ListenerState> Listeners, DateTimeOffset? OutageSince, long Restarts);
