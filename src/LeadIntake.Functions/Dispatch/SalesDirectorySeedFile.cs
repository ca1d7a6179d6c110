namespace LeadIntake.Functions.Dispatch;

/// <summary>
/// At start, when <c>Dispatch:SeedFile</c> is set: loads that seed into the directory (after the tables exist). A file
/// that is missing or invalid stops the app with the key's name and the JSON paths at fault.
/// </summary>
internal sealed partial class SalesDirectorySeedFile(IServiceProvider services, IOptions<DispatchOptions> options, ILogger<SalesDirectorySeedFile> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedFile is not { Length: > 0 } path) return;
        if (!File.Exists(path)) throw new InvalidOperationException($"Dispatch:SeedFile: the file '{path}' does not exist.");
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        await using var scope = services.CreateAsyncScope();
        var (setup, errors) = await scope.ServiceProvider.GetRequiredService<SalesDirectoryAdmin>().ApplySeedAsync(json, cancellationToken).ConfigureAwait(false);
        if (setup is null) throw new InvalidOperationException($"Dispatch:SeedFile '{path}' is invalid: {string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"))}");
        LogSeeded(logger, setup.Directory.Reps.Count, setup.Directory.Teams.Count, setup.Rules.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Sales directory seeded from Dispatch:SeedFile: {Reps} reps, {Teams} teams, {Rules} rules")]
    private static partial void LogSeeded(ILogger logger, int reps, int teams, int rules);
}
