using System.Net.Sockets;
using Azure;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Tells a storage outage (nothing answers, the connection broke, the service is overloaded or timed out) from a
/// request storage refused on its merits. Once its own retries are exhausted the Azure SDK throws an
/// <see cref="AggregateException"/> of the attempts' failures, a <see cref="RequestFailedException"/> with status 0
/// around the socket error, or a <see cref="TaskCanceledException"/> when its network timeout fired: all of them
/// mean "try again later", never "this request is wrong".
/// </summary>
internal static class StorageFaults
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(IsOutage),
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500 || (failed.InnerException is { } cause && IsOutage(cause)),
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        // The SDK's own network timeout surfaces as a cancellation nobody asked for; callers filter their own tokens first.
        OperationCanceledException => true,
        _ => false,
    };

    /// <summary>
    /// An outage that surely came from the storage SDK (a <see cref="RequestFailedException"/>, alone or as all of an
    /// <see cref="AggregateException"/>), not from SMTP or an HTTP call to a provider, which throw socket and timeout
    /// errors of the same types: a function's failure is reported as a storage outage only then.
    /// </summary>
    public static bool IsStorageOutage(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.Flatten().InnerExceptions is { Count: > 0 } inner && inner.All(IsStorageOutage),
        RequestFailedException => IsOutage(exception),
        _ => false,
    };
}
