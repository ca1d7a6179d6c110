using LeadIntake.Core.Leads;
using LeadIntake.Core.Localization;

namespace LeadIntake.Core.Qualification;

/// <summary>
/// What a stale link's page says happened: "This lead was marked won on 2 December 2026 at 21:00 EST by Jane Doe.",
/// from the lead and its audit trail. The time is the team's (a rep in New York reads New York's date, not UTC's, which
/// is already the next day in the evening) with the zone's abbreviation. Pure.
/// </summary>
public static class StaleLinkSentence
{
    public static string Of(RepTexts t, Lead lead, IReadOnlyList<LeadEvent> events, TimeZoneInfo zone)
    {
        var done = t.Find("Stale_" + lead.Status) ?? t.Format("Stale_MovedTo", t.Of(lead.Status));
        var last = events.Count > 0 ? events.MaxBy(e => e.At) : null;
        var at = lead.StageTimes.TryGetValue(lead.Status, out var when) ? when : last?.At;
        // A person (an email) is named; a timer or pipeline stage ("sla-watch", "recycler") is left out.
        var by = last?.Actor is not { } actor || !actor.Contains('@', StringComparison.Ordinal) ? null
            : lead.Assignment is { } owner && string.Equals(actor, owner.RepEmail, StringComparison.OrdinalIgnoreCase) ? owner.RepName ?? owner.RepEmail
            : actor;
        var sentence = t.Format("Stale_What", done);
        if (at is { } time) sentence += t.Format("Stale_On", ZoneAbbreviations.Format(time, zone, t["Stale_DateTimeFormat"], t.Culture));
        if (by is not null) sentence += t.Format("Stale_By", by);
        return sentence + t["Stale_End"];
    }
}
