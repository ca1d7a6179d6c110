using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Standalone mode's stand-in for the Functions host's queue trigger: one <see cref="QueueListener"/> per queue
/// function of the catalog, each under a supervisor: a listener whose loop ends while the app is not stopping (a bug,
/// an exception nobody foresaw) is reported to <see cref="QueueRuntimeStatus"/> and started again after a pause.
/// Off in Functions mode, where the host polls and invokes us.
/// </summary>
internal sealed class StandaloneQueueRuntime(
    StorageAccount storage,
    IServiceProvider services,
    IOptions<QueueRuntimeOptions> options,
    QueueWakeSignals wakeSignals,
    QueueRuntimeStatus status,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService
{
    private static readonly TimeSpan RestartPause = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<QueueListener>();
        var listeners = FunctionCatalog.Queues.Select(entry =>
        {
            var queueName = ((QueueFunctionTrigger)entry.Declaration.Trigger).QueueName;
            var listener = new QueueListener(
                entry.Declaration,
                storage.Queue(queueName),
                storage.Queue(PoisonQueue.NameFor(queueName)),
                (invocation, ct) => InvokeAsync(entry, invocation, ct),
                options.Value,
                wakeSignals,
                status,
                time,
                logger);
            return Task.Run(() => SuperviseAsync(entry.Declaration.Name, listener), CancellationToken.None);
        }).ToArray();
        _running = Task.WhenAll(listeners);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _abort.CancelAfter(options.Value.DrainTimeout);
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SuperviseAsync(string function, QueueListener listener)
    {
        while (true)
        {
            status.ListenerRunning(function);
            Exception? failure = null;
            try
            {
                await listener.RunAsync(_stopping.Token, _abort.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }
            if (_stopping.IsCancellationRequested)
            {
                status.ListenerStopped(function);
                return;
            }
            status.ListenerDown(function, failure);
            try
            {
                await Task.Delay(RestartPause, time, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                status.ListenerStopped(function);
                return;
            }
        }
    }

    private async Task InvokeAsync(FunctionEntry entry, QueueInvocation invocation, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        // The trigger metadata the host gives a queue function, bound by parameter name.
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DequeueCount"] = invocation.DequeueCount,
            ["Id"] = invocation.MessageId,
            ["InsertionTime"] = invocation.InsertionTime,
        };
        await FunctionInvoker.InvokeAsync(entry, scope.ServiceProvider, invocation.MessageText, bindingData, cancellationToken).ConfigureAwait(false);
    }
}
