using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Standalone mode's timers: each timer function of the catalog runs in-process on its NCRONTAB schedule (six
/// fields, seconds first, UTC, as the Functions timer trigger). Several instances may each run a timer: every timer
/// function is idempotent, so a double run costs a little work, never a wrong result.
/// </summary>
internal sealed partial class StandaloneTimerRuntime(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<StandaloneTimerRuntime> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(FunctionCatalog.Timers.Where(entry => !IsDisabled(entry.Declaration.Name, configuration)).Select(entry => RunScheduleAsync(entry, stoppingToken)));

    /// <summary>
    /// The Functions host's switch for one function: the app setting <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> = <c>true</c>
    /// (also read as <c>AzureWebJobs__&lt;Name&gt;__Disabled</c>, where a platform refuses dots in setting names).
    /// </summary>
    public static bool IsDisabled(string functionName, IConfiguration configuration) =>
        bool.TryParse(configuration[$"AzureWebJobs.{functionName}.Disabled"] ?? configuration[$"AzureWebJobs:{functionName}:Disabled"], out var disabled) && disabled;

    public static CrontabSchedule ParseSchedule(string schedule) =>
        CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    /// <summary>
    /// The schedule itself, or, for a <c>%Name%</c> binding expression, the setting <c>Name</c> (as the Functions host
    /// resolves it from the app settings; <c>__</c> in an environment variable is <c>:</c> here).
    /// </summary>
    public static string ResolveSchedule(string schedule, IConfiguration configuration)
    {
        if (schedule.Length < 3 || schedule[0] != '%' || schedule[^1] != '%') return schedule;
        var name = schedule[1..^1];
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"The timer schedule setting {name} is not set.") : value;
    }

    private async Task RunScheduleAsync(FunctionEntry entry, CancellationToken stoppingToken)
    {
        var trigger = (TimerFunctionTrigger)entry.Declaration.Trigger;
        var schedule = ParseSchedule(ResolveSchedule(trigger.Schedule, configuration));
        if (trigger.RunOnStartup) await InvokeAsync(entry, schedule, isPastDue: false, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await InvokeAsync(entry, schedule, isPastDue: time.GetUtcNow() - next > PastDueAfter, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>A run that starts this much after its occurrence is reported past due, as the host's TimerInfo does.</summary>
    private static readonly TimeSpan PastDueAfter = TimeSpan.FromSeconds(1);

    private async Task InvokeAsync(FunctionEntry entry, CrontabSchedule schedule, bool isPastDue, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var now = time.GetUtcNow().UtcDateTime;
            var timer = new TimerInfo
            {
                IsPastDue = isPastDue,
                ScheduleStatus = new ScheduleStatus { Last = now, Next = schedule.GetNextOccurrence(now), LastUpdated = now },
            };
            using var activity = LeadIntakeTelemetry.StartInvocation(entry.Declaration.Name, null);
            await FunctionInvoker.InvokeAsync(entry, scope.ServiceProvider, timer, new Dictionary<string, object?>(), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        catch (Exception e) when (StorageFaults.IsStorageOutage(e))
        {
            // Storage is out: the queue runtime reports the outage; this run is simply skipped.
            LogTimerSkippedInOutage(logger, entry.Declaration.Name, e.GetType().Name);
        }
        catch (Exception e)
        {
            LogTimerFailed(logger, e, entry.Declaration.Name);
        }
    }

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Timer function {Function} skipped: storage unavailable ({ExceptionType}); it runs again at its next occurrence")]
    private static partial void LogTimerSkippedInOutage(ILogger logger, string function, string exceptionType);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Timer function {Function} failed; it runs again at its next occurrence")]
    private static partial void LogTimerFailed(ILogger logger, Exception exception, string function);
}
