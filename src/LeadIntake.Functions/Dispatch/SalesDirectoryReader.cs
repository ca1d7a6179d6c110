using LeadIntake.Core.Dispatch.Directory;
using LeadIntake.Functions.Storage;
using LeadIntake.Core.Intake;

namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// <see cref="ISalesDirectory"/> over <see cref="TableSalesDirectory"/> with a short cache
/// (<c>Dispatch:DirectoryCacheFor</c>): at 20 leads a second the directory is read a few times a minute, not per lead.
/// Admin writes on this instance clear it. A stored directory that doesn't parse (half configured: no default team
/// yet) counts as none, so leads keep flowing to the default rep.
/// </summary>
internal sealed partial class SalesDirectoryReader(
    TableSalesDirectory tables, IOptionsMonitor<DispatchOptions> options, TimeProvider time, ILogger<SalesDirectoryReader> logger) : ISalesDirectory
{
    private readonly Lock _gate = new();
    private (RoutingSetup? Setup, long LoadedAt)? _cached;

    public async Task<RoutingSetup?> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cached is { } c && time.GetElapsedTime(c.LoadedAt) < options.CurrentValue.DirectoryCacheFor) return c.Setup;
        }
        long loadedAt = time.GetTimestamp();
        var seed = await tables.ReadSeedAsync(cancellationToken).ConfigureAwait(false);
        RoutingSetup? setup = null;
        if (seed["teams"] is System.Text.Json.Nodes.JsonArray { Count: > 0 })
        {
            switch (SalesDirectorySeed.Parse(seed.ToJsonString()))
            {
                case ParseOutcome<RoutingSetup>.Parsed parsed:
                    setup = parsed.Value;
                    break;
                case ParseOutcome<RoutingSetup>.Invalid invalid:
                    LogIncomplete(logger, invalid.Errors.Count);
                    break;
            }
        }
        lock (_gate) _cached = (setup, loadedAt);
        return setup;
    }

    public void Invalidate()
    {
        lock (_gate) _cached = null;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "The stored sales directory has {ErrorCount} problem(s); leads go to the default rep until it is fixed")]
    private static partial void LogIncomplete(ILogger logger, int errorCount);
}
