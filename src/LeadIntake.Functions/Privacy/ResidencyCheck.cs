using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// At start, with <c>Privacy:DataResidency</c> = EU: a warning for each configured processor stated outside the EU
/// (and a note for each whose region is not stated). Names of processors and regions only, no personal data.
/// </summary>
internal sealed partial class ResidencyCheck(ProcessorCatalog processors, IOptionsMonitor<PrivacyOptions> options, ILogger<ResidencyCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var residency = options.CurrentValue.DataResidency;
        if (!string.Equals(residency, DataRegions.Eu, StringComparison.OrdinalIgnoreCase)) return Task.CompletedTask;
        foreach (var processor in processors.Configured())
        {
            switch (DataRegions.IsInsideEu(processor.Region))
            {
                case false:
                    LogOutsideEu(logger, processor.Name, processor.Region!, string.IsNullOrWhiteSpace(processor.Safeguard) ? ProcessingRecordBuilder.NoSafeguard : processor.Safeguard);
                    break;
                case null when processor.Name != "Azure":
                    LogRegionNotStated(logger, processor.Name);
                    break;
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Processor {Processor} processes data in {Region}, outside the EU, while Privacy:DataResidency is EU (safeguard: {Safeguard})")]
    private static partial void LogOutsideEu(ILogger logger, string processor, string region, string safeguard);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Processor {Processor} is configured without a stated region: set Privacy:Processors:{Processor}:Region")]
    private static partial void LogRegionNotStated(ILogger logger, string processor);
}
