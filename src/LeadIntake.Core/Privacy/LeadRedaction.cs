using LeadIntake.Core.Leads;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Privacy;

/// <summary>
/// The pure part of a purge (erasure or retention): a lead becomes a pseudonymised skeleton and its audit events lose
/// their free text. The skeleton keeps what the KPIs and the audit counts read — id, status and stage times, channel,
/// provider, UTM source and campaign, intent and screening scores, the assigned rep and team, the qualification
/// answers that are not free text, the deal value — so a purge moves no counter. It drops the contact, the message,
/// the raw call details, free notes, extra fields and attachment names.
/// </summary>
public static class LeadRedaction
{
    /// <summary>The actor of the <see cref="LeadEventType.Purged"/> event.</summary>
    public const string Actor = "privacy";

    /// <summary>
    /// The purge as a stage decision: the skeleton and one <c>purged</c> event; a purged lead is left as it is.
    /// Earlier events are rewritten through <see cref="Redact"/> by the store in the same save
    /// (<see cref="ILeadStore.SaveAsync"/>).
    /// </summary>
    public static StageDecision Decide(Lead lead, PurgeReason reason, DateTimeOffset now) =>
        lead.Purged is not null
            ? StageDecision.Unchanged(lead, "already purged")
            : StageDecision.Save(Skeleton(lead, reason, now), [new LeadEvent(LeadEventType.Purged, now, Actor, WireNames.Of(reason))]);

    /// <summary>The lead without personal data, marked <see cref="Lead.Purged"/> at <paramref name="now"/>.</summary>
    public static Lead Skeleton(Lead lead, PurgeReason reason, DateTimeOffset now)
    {
        var captured = lead.Captured;
        var source = captured.Source;
        return lead with
        {
            Captured = new CapturedLead
            {
                Channel = captured.Channel,
                Provider = captured.Provider,
                // A Message-Id may hold an address, an Idempotency-Key is free text: only a call's id is kept.
                ProviderEventId = captured.Call is not null ? captured.ProviderEventId : null,
                Contact = new Contact(),
                Source = new SourceAttribution
                {
                    UtmSource = source.UtmSource,
                    UtmMedium = source.UtmMedium,
                    UtmCampaign = source.UtmCampaign,
                    UtmTerm = source.UtmTerm,
                    UtmContent = source.UtmContent,
                    // A query string or fragment may carry an address (?email=…): the page is kept without them.
                    PageUrl = WithoutQuery(source.PageUrl),
                    Referrer = WithoutQuery(source.Referrer),
                },
                Consent = captured.Consent,
                Signals = captured.Signals with { ClientFingerprint = null },
                Call = captured.Call is { } call ? RedactCall(call) : null,
            },
            Screening = lead.Screening is { } screening ? screening with { Reasons = [] } : null,
            Assignment = lead.Assignment,
            Bant = lead.Bant is { } bant ? bant with { Need = null, Authority = bant.Authority is { } a ? a with { Role = null } : null } : null,
            Disqualification = lead.Disqualification is { } d ? d with { Note = null } : null,
            LostToCompetitor = null,
            OriginalContact = null,
            Purged = new PurgeRecord(now, reason),
        };
    }

    /// <summary>
    /// An audit event without free text. Details are machine-written codes (<c>intent=… status=…</c>, a reason's
    /// wire name, a lead id) that the KPIs read, and stay; the one free text an event can carry, an admin's reason
    /// for a release, is cut off. Type, time and actor (our own staff or component) stay.
    /// </summary>
    public static LeadEvent Redact(LeadEvent e) => e.Type switch
    {
        LeadEventType.Released => e with { Detail = ReleasedDetail(e.Detail) },
        _ => e,
    };

    private static CallDetails RedactCall(CallDetails call) => new()
    {
        CallKey = call.CallKey,
        State = call.State,
        // The number called is ours (provenance: which line); the caller's number goes.
        To = call.To,
        DurationSeconds = call.DurationSeconds,
        StartedAt = call.StartedAt,
        MissedReason = call.MissedReason,
        // The recording and the transcript go; that there was a voicemail stays countable.
        VoicemailLeft = call.HasVoicemail,
    };

    private static readonly string[] ReleasedPrefixes = ["correction: not spam (was held for review)", "correction: not spam"];

    private static string? ReleasedDetail(string? detail)
    {
        if (detail is null) return null;
        foreach (var prefix in ReleasedPrefixes)
        {
            if (detail.StartsWith(prefix, StringComparison.Ordinal)) return prefix;
        }
        return null;
    }

    private static string? WithoutQuery(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        int cut = url.IndexOfAny(['?', '#']);
        return cut < 0 ? url : url[..cut];
    }
}
