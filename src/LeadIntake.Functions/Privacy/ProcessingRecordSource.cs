using LeadIntake.Core.Privacy;
using LeadIntake.Functions.Screening;

namespace LeadIntake.Functions.Privacy;

/// <summary>Gathers the configuration the record of processing is generated from: purposes, recipients, processors, retention.</summary>
internal sealed class ProcessingRecordSource(
    IOptionsMonitor<PrivacyOptions> privacy,
    IOptionsMonitor<RetentionOptions> retention,
    IOptionsMonitor<ScreeningOptions> screening,
    ProcessorCatalog processors,
    TimeProvider time)
{
    public ProcessingRecord Current()
    {
        var settings = privacy.CurrentValue;
        var mailboxes = screening.CurrentValue;
        IReadOnlyList<string> recipients =
        [
            "Sales representatives and managers of the sales directory: the leads assigned to them (routed-lead mails, rep pages)",
            $"Service mailbox {mailboxes.ServiceMailbox}: after-sales requests",
            $"HR mailbox {mailboxes.HrMailbox}: job applications",
            $"Marketing mailbox {mailboxes.MarketingMailbox}: other requests and the daily review digest",
            "Console users (lead managers, administrators): every lead, each view recorded in the privacy proof log",
            "The person themselves: the acknowledgement mail (email leads) and access exports",
        ];
        return ProcessingRecordBuilder.Build(settings.ToPolicy(), settings.DataResidency.ToUpperInvariant(), recipients, processors.Configured(), RetentionSettings.Read(retention.CurrentValue), time.GetUtcNow());
    }
}
