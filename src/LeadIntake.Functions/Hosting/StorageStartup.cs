using Azure;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Hosting;

/// <summary>Creates tables and queues before anything else starts; a storage that never answers stops the app with a clear message.</summary>
internal sealed partial class StorageStartup(StorageInitializer initializer, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await initializer.InitializeAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException && attempt < 10)
            {
                LogRetry(logger, attempt);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Storage not reachable yet (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, int attempt);
}
