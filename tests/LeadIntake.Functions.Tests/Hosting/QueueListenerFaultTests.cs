using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadIntake.Functions.Tests.Hosting;

/// <summary>
/// The listener against the shared queue emulator, with a transport that fails the first receives the way the Azure
/// SDK fails once storage is gone: an <see cref="AggregateException"/> after its own retries, and a bare
/// <see cref="HttpRequestException"/> it does not retry. Before the fix either one ended the listener's loop for good.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class QueueListenerFaultTests
{
    [Fact]
    public async Task Listener_survives_AggregateException_and_HttpRequestException_from_receive_and_then_processes_the_message()
    {
        await DevServices.GetAsync();
        var storage = await DevServices.NewStorageConnectionStringAsync();
        var queueName = $"fault-{Guid.NewGuid():N}"[..30];
        // Receive #1 and its one SDK retry fail (AggregateException); receive #2 throws HttpRequestException; then storage answers.
        var transport = new FlakyTransport(
            () => new RequestFailedException("Connection refused (127.0.0.1)"),
            () => new RequestFailedException("Connection refused (127.0.0.1)"),
            () => new HttpRequestException("Connection refused (127.0.0.1)"));
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None, Transport = transport };
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        var queue = new QueueClient(storage, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateAsync();
        await queue.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"leadId":"x","v":1}""")));

        var status = new QueueRuntimeStatus(TimeProvider.System, NullLogger<QueueRuntimeStatus>.Instance);
        var invoked = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener(
            new FunctionDeclaration("FaultProbe", new QueueFunctionTrigger(queueName)),
            new QueueClient(storage, queueName, options),
            new QueueClient(storage, queueName + "-poison", options),
            (invocation, _) =>
            {
                invoked.TrySetResult(invocation.MessageText);
                return Task.CompletedTask;
            },
            new QueueRuntimeOptions { MaxPollingInterval = TimeSpan.FromMilliseconds(200) },
            new QueueWakeSignals(),
            status,
            TimeProvider.System,
            NullLogger.Instance);

        using var stopping = new CancellationTokenSource();
        var running = listener.RunAsync(stopping.Token, CancellationToken.None);
        var text = await invoked.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("""{"leadId":"x","v":1}""", text);
        Assert.Equal([typeof(RequestFailedException), typeof(RequestFailedException), typeof(HttpRequestException)], transport.Thrown);
        Assert.False(running.IsCompleted);
        await WaitUntilAsync(() => status.Snapshot().OutageSince is null && queue.GetProperties().Value.ApproximateMessagesCount == 0);
        Assert.Null(status.Snapshot().OutageSince);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await stopping.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void An_SDK_give_up_is_an_outage_but_a_refused_request_is_not()
    {
        Assert.True(StorageFaults.IsOutage(new AggregateException(new RequestFailedException("refused"), new RequestFailedException("refused"))));
        Assert.True(StorageFaults.IsOutage(new HttpRequestException("refused")));
        Assert.True(StorageFaults.IsOutage(new TaskCanceledException("network timeout", new TimeoutException())));
        Assert.True(StorageFaults.IsOutage(new RequestFailedException(503, "server busy")));
        Assert.False(StorageFaults.IsOutage(new RequestFailedException(400, "bad key")));
        Assert.False(StorageFaults.IsOutage(new RequestFailedException(409, "conflict")));
        Assert.False(StorageFaults.IsOutage(new AggregateException(new RequestFailedException("refused"), new InvalidOperationException())));
        Assert.False(StorageFaults.IsOutage(new InvalidOperationException()));
        // A socket error from SMTP is an outage, but not storage's: a function failing on it is not a storage outage.
        Assert.False(StorageFaults.IsStorageOutage(new IOException("smtp connection reset")));
        Assert.True(StorageFaults.IsStorageOutage(new AggregateException(new RequestFailedException("refused"))));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (!condition() && TimeProvider.System.GetUtcNow() < deadline) await Task.Delay(100);
    }

    /// <summary>Throws the given failures for the first requests, then talks to the emulator for real.</summary>
    private sealed class FlakyTransport(params Func<Exception>[] failures) : HttpClientTransport
    {
        private int _next;

        public List<Type> Thrown { get; } = [];

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            int n = Interlocked.Increment(ref _next) - 1;
            if (n < failures.Length)
            {
                var failure = failures[n]();
                lock (Thrown) Thrown.Add(failure.GetType());
                throw failure;
            }
            return base.ProcessAsync(message);
        }

        public override void Process(HttpMessage message) => throw new NotSupportedException();
    }
}
