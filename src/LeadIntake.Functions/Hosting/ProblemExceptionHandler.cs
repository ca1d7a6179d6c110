using LeadIntake.Core.Leads;
using Microsoft.AspNetCore.Diagnostics;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The last line of defence: a malformed request that ASP.NET Core itself rejects (bad framing, body over Kestrel's
/// limit) is a problem+json 4xx with its own status, never a 500; a storage outage met by any endpoint (intake, admin,
/// rep pages) is a 503 with <c>Retry-After</c>, never a 500, and so is a lead that changed under two decisions in a row. The outage is logged at most once a minute, with the
/// number of 503 answers since the last line, so an outage at 20 requests a second doesn't flood the log.
/// </summary>
internal sealed partial class ProblemExceptionHandler(TimeProvider time, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    // Spread, not fixed: clients refused together during an outage would otherwise all come back in the same second
    // when storage returns, and that wave outlasts the intake deadline (seen in the fault run: 503s after the return).
    private const int MinRetryAfterSeconds = 3;
    private const int MaxRetryAfterSeconds = 8;
    private static readonly TimeSpan LogEvery = TimeSpan.FromMinutes(1);
    private long _lastLoggedTicks = long.MinValue;
    private long _unlogged;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        Results<ProblemHttpResult, RetryAfterProblem> result;
        if (exception is BadHttpRequestException bad)
        {
            result = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problems.Field(bad.StatusCode, "The request body is too large.", "body", bad.Message)
                : Problems.Field(bad.StatusCode, "The request can't be read.", "request", bad.Message);
        }
        else if (StorageFaults.IsOutage(exception))
        {
            NoteOutageAnswer(httpContext, exception);
            result = Problems.StorageUnavailable(TimeSpan.FromSeconds(Random.Shared.Next(MinRetryAfterSeconds, MaxRetryAfterSeconds + 1)));
        }
        else if (exception is LeadChangedConcurrentlyException)
        {
            // The stage runner decided twice and lost both times: nothing was half-applied, and a retry will apply it.
            result = Problems.LeadBusy(TimeSpan.FromSeconds(Random.Shared.Next(1, MinRetryAfterSeconds + 1)));
        }
        else
        {
            return false;
        }
        await result.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>Counts one 503 answer and logs when the last line is a minute old.</summary>
    public void NoteOutageAnswer(HttpContext httpContext, Exception? exception)
    {
        long count = Interlocked.Increment(ref _unlogged);
        long now = time.GetUtcNow().UtcTicks;
        long last = Interlocked.Read(ref _lastLoggedTicks);
        if (last != long.MinValue && now - last < LogEvery.Ticks) return;
        if (Interlocked.CompareExchange(ref _lastLoggedTicks, now, last) != last) return;
        Interlocked.Add(ref _unlogged, -count);
        // The route template, not the path: a path may hold an e-mail address (sales/reps/{email}/deactivate).
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        LogStorageUnavailable(logger, exception, route, count);
    }

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Storage unavailable: answered 503 with Retry-After on {Route} ({Count} such answers since the last report)")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception? exception, string route, long count);
}
