using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// Back-pressure for webhooks whose sender retries: how many messages wait in the pipeline (screening and dispatch
/// queues), read at most once per <c>Intake:BacklogSampleInterval</c> by one caller while the others use the last
/// value, so a flood of requests costs two queue calls a second, not two per request. Past
/// <c>Intake:WebhookBackPressureDepth</c>, such a webhook is answered 503 with <c>Retry-After</c> before anything is
/// stored: the provider delivers it again later, when the stages have caught up. A form is never turned away (a
/// browser does not retry), nor are channels that would give up on us (Aircall disables a webhook that keeps failing).
/// A depth that can't be read counts as no backlog: if storage is down, storing the lead fails anyway and answers 503.
/// </summary>
internal sealed partial class PipelineBacklog(IPipelineQueue queue, IOptionsMonitor<IntakeOptions> options, TimeProvider time, ILogger<PipelineBacklog> logger)
{
    private static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(2);

    // Providers that deliver again after a 5xx (docs/reliability.md, "Back-pressure").
    private static readonly HashSet<string> RetryingProviders = new(StringComparer.OrdinalIgnoreCase) { "twilio", "sendgrid", "mailgun", "postmark", "meta" };

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Sample? _last;
    private bool _overloaded;

    /// <summary>Whether <paramref name="provider"/> delivers a webhook again after a 503.</summary>
    public static bool Retries(string provider) => RetryingProviders.Contains(provider);

    /// <summary>The last known depth of the pipeline (read now if the last read is older than the interval); null when unknown.</summary>
    public async ValueTask<int?> DepthAsync()
    {
        var interval = options.CurrentValue.BacklogSampleInterval;
        var last = Volatile.Read(ref _last);
        if (last is not null && time.GetElapsedTime(last.At) < interval) return last.Depth;
        // One reader at a time; the others go on with the last value rather than wait for storage.
        if (!await _reading.WaitAsync(TimeSpan.Zero).ConfigureAwait(false)) return last?.Depth;
        try
        {
            last = Volatile.Read(ref _last);
            if (last is not null && time.GetElapsedTime(last.At) < interval) return last.Depth;
            int? depth;
            try
            {
                // Not the request's token: one caller's cancellation must not spoil the value for all the others.
                using var budget = new CancellationTokenSource(ReadBudget, time);
                depth = await queue.ApproximateDepthAsync(PipelineQueue.Captured, budget.Token).ConfigureAwait(false)
                    + await queue.ApproximateDepthAsync(PipelineQueue.Dispatch, budget.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or Azure.RequestFailedException || StorageFaults.IsOutage(e))
            {
                LogUnreadable(logger, e);
                depth = null;
            }
            Volatile.Write(ref _last, new Sample(depth, time.GetTimestamp()));
            return depth;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Whether a webhook from <paramref name="provider"/> should be turned away now (503, nothing stored).</summary>
    public async ValueTask<bool> ShouldTurnAwayAsync(string provider)
    {
        int limit = options.CurrentValue.WebhookBackPressureDepth;
        if (limit <= 0 || !Retries(provider)) return false;
        bool overloaded = await DepthAsync().ConfigureAwait(false) is { } depth && depth > limit;
        if (overloaded != _overloaded)
        {
            _overloaded = overloaded;
            if (overloaded) LogOverloaded(logger, Volatile.Read(ref _last)?.Depth ?? 0, limit);
            else LogRecovered(logger, Volatile.Read(ref _last)?.Depth ?? 0, limit);
        }
        return overloaded;
    }

    /// <summary>The 503 answer with <c>Intake:WebhookRetryAfter</c>.</summary>
    public RetryAfterProblem TurnAway() => Problems.Overloaded(options.CurrentValue.WebhookRetryAfter);

    private sealed record Sample(int? Depth, long At);

    [LoggerMessage(EventId = 2120, Level = LogLevel.Warning, Message = "Pipeline backlog of {Depth} message(s) is past {Limit}: webhooks that retry are answered 503 until it falls")]
    private static partial void LogOverloaded(ILogger logger, int depth, int limit);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Information, Message = "Pipeline backlog down to {Depth} message(s) (limit {Limit}): webhooks are stored again")]
    private static partial void LogRecovered(ILogger logger, int depth, int limit);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Debug, Message = "Pipeline backlog could not be read; counted as none")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);
}
