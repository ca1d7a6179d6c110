using System.Globalization;
using LeadIntake.Core.Contacts;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Calls;

/// <summary>
/// Folds one call event into the lead of its call. Providers deliver call events at least once and in any order
/// (a transcription can arrive before the final status), so the merge is order-insensitive for what matters:
/// the state only moves forward (<see cref="CallState"/> order), a value once known is never erased by an event
/// that doesn't know it, durations keep the longest, and merging the same event twice changes nothing.
/// </summary>
public static class CallLeadMerge
{
    /// <param name="existing">The lead stored for <see cref="CallEvent.CallKey"/>, or null for the first event.</param>
    /// <param name="callEvent">The parsed event.</param>
    /// <exception cref="ArgumentException">The lead belongs to another call: a caller bug, not an input problem.</exception>
    public static CapturedLead Merge(CapturedLead? existing, CallEvent callEvent)
    {
        var previous = existing?.Call;
        if (previous is not null && previous.CallKey != callEvent.CallKey)
        {
            throw new ArgumentException($"The lead is for call '{previous.CallKey}', the event for '{callEvent.CallKey}'.", nameof(callEvent));
        }
        var call = new CallDetails
        {
            CallKey = callEvent.CallKey,
            State = (CallState)Math.Max((int)(previous?.State ?? CallState.Unknown), (int)callEvent.State),
            From = previous?.From ?? callEvent.From,
            To = previous?.To ?? callEvent.To,
            DurationSeconds = Max(previous?.DurationSeconds, callEvent.DurationSeconds),
            RecordingUrl = callEvent.RecordingUrl ?? previous?.RecordingUrl,
            VoicemailUrl = callEvent.VoicemailUrl ?? previous?.VoicemailUrl,
            VoicemailLeft = (previous?.VoicemailLeft ?? false) || callEvent.VoicemailLeft,
            Transcript = callEvent.Transcript ?? previous?.Transcript,
            StartedAt = Min(previous?.StartedAt, callEvent.StartedAt),
            MissedReason = callEvent.MissedReason ?? previous?.MissedReason,
        };

        var contact = existing?.Contact ?? new Contact();
        contact = contact with
        {
            FullName = contact.FullName ?? callEvent.CallerName,
            Phone = contact.Phone ?? callEvent.FromE164,
            Country = contact.Country ?? callEvent.Country ?? PhoneNormaliser.RegionOf(callEvent.FromE164),
        };

        var extra = new Dictionary<string, string>(existing?.ExtraFields ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, value) in callEvent.ExtraFields) FieldText.AddExtra(extra, name, value);

        return new CapturedLead
        {
            Channel = Channel.Call,
            Provider = existing?.Provider ?? callEvent.Provider,
            ProviderEventId = existing?.ProviderEventId ?? callEvent.ProviderEventId,
            Contact = contact,
            Subject = Subject(call, contact),
            Message = Describe(call),
            Source = existing?.Source ?? SourceAttribution.None,
            Signals = existing?.Signals ?? AntiBotSignals.None,
            ExtraFields = extra,
            Call = call,
            Privacy = WithCalledNumber(existing?.Privacy, call.To),
        };
    }

    /// <summary>A call lead's provenance learns the number called when a later event is the first to give it.</summary>
    private static Privacy.LeadPrivacy? WithCalledNumber(Privacy.LeadPrivacy? privacy, string? to) =>
        privacy is { Provenance.Origin: Privacy.Provenance.Unknown } && !string.IsNullOrWhiteSpace(to)
            ? privacy with { Provenance = privacy.Provenance with { Origin = to } }
            : privacy;

    /// <summary>The lead message a rep reads: the transcript when there is one, else what happened and what to do.</summary>
    public static string Describe(CallDetails call) => call switch
    {
        { Transcript: { } transcript } => transcript,
        { HasVoicemail: true } => "Voicemail left, not transcribed yet: listen to the recording and call back.",
        { State: CallState.Missed or CallState.Ended } => "Missed call, no voicemail: call back.",
        { State: CallState.Answered, DurationSeconds: { } seconds } =>
            string.Create(CultureInfo.InvariantCulture, $"Answered call ({seconds} s), no summary recorded."),
        { State: CallState.Answered } => "Answered call, no summary recorded.",
        _ => "Incoming call, not finished yet.",
    };

    private static string Subject(CallDetails call, Contact contact)
    {
        var who = contact.FullName ?? call.From ?? "a hidden number";
        return call switch
        {
            { HasVoicemail: true } => $"Voicemail from {who}",
            { State: CallState.Missed or CallState.Ended, Transcript: null } => $"Missed call from {who}",
            _ => $"Phone call from {who}",
        };
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a < b ? a : b);
}
