using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// When a call lead enters the pipeline (is queued for screening). A call is screened once it is over — the missed
/// or answered state, the duration and usually the voicemail are known by then, and a missed call with no voicemail is
/// still a lead. Providers whose events never report the end (ACS <c>IncomingCall</c>) enter on their first event.
/// A call whose final callback never comes is queued by the sweeper (<c>Intake:SweepAfter</c> after capture), so no
/// call lead waits forever. Recordings and transcripts arriving after screening update the lead's data only.
/// </summary>
public static class CallPipelineEntry
{
    public static bool ShouldEnqueue(CallDetails? before, CallDetails after, bool providerReportsEnd) =>
        providerReportsEnd
            ? after.IsFinal && !(before?.IsFinal ?? false)
            : before is null;

    /// <summary>Providers whose callbacks include the end of the call.</summary>
    public static bool ReportsEnd(string provider) => provider != AcsIncomingCallParser.Provider;
}
