namespace LeadIntake.Functions.Hosting;

/// <summary>
/// A queue-triggered function. Returning completes the message; throwing fails this attempt (the runtime makes
/// the message visible again after <c>visibilityTimeout</c>, then poisons it after <c>maxDequeueCount</c>).
/// </summary>
public interface IQueueFunction
{
    static abstract FunctionDeclaration Declaration { get; }

    Task RunAsync(QueueInvocation invocation, CancellationToken cancellationToken);
}
