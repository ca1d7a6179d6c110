using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Standalone mode's stand-in for the Functions host's queue trigger: one <see cref="QueueListener"/> per queue
/// function of the catalog. Off in Functions mode, where the host polls and invokes us (DESIGN §3).
/// </summary>
public sealed class StandaloneQueueRuntime(
    StorageAccount storage,
    IServiceProvider services,
    IOptions<QueueRuntimeOptions> options,
    QueueWakeSignals wakeSignals,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private Task _running = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<QueueListener>();
        var listeners = FunctionCatalog.Queues.Select(entry =>
        {
            var queueName = ((QueueTrigger)entry.Declaration.Trigger).QueueName;
            var listener = new QueueListener(
                entry.Declaration,
                storage.Queue(queueName),
                storage.Queue(PoisonQueue.NameFor(queueName)),
                (invocation, ct) => InvokeAsync(entry, invocation, ct),
                options.Value,
                wakeSignals,
                time,
                logger);
            return Task.Run(() => listener.RunAsync(_stopping.Token, _abort.Token), CancellationToken.None);
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

    private async Task InvokeAsync(TypedFunctionEntry entry, QueueInvocation invocation, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var function = (IQueueFunction)scope.ServiceProvider.GetRequiredService(entry.FunctionType);
        await function.RunAsync(invocation, cancellationToken).ConfigureAwait(false);
    }
}
