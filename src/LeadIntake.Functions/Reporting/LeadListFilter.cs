using System.Globalization;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Reporting;

/// <summary>
/// The lead list's filters, as <c>GET /api/leads</c>, the list page and the exports read them from the query string.
/// A period is always set (default: the last <c>Console:DefaultPeriod</c>; at most 366 days) so no read covers every
/// lead. <c>from</c>/<c>to</c> take a date (a whole day in the account's time zone, <c>to</c> included) or an ISO
/// 8601 time with its offset. <see cref="Cursor"/> is the continuation token: the last id of the previous page.
/// </summary>
internal sealed record LeadListFilter
{
    public const int MaxSpanDays = 366;
    public const int MaxTextLength = 200;
    private const int MinYear = 2000;
    private const int MaxYear = 8999;

    public LeadStatus? Status { get; init; }
    public LeadIntent? Intent { get; init; }
    public Channel? Channel { get; init; }
    public string? Provider { get; init; }
    public string? Rep { get; init; }
    public string? UtmSource { get; init; }
    public string? UtmCampaign { get; init; }
    public required DateTimeOffset From { get; init; }
    /// <summary>Exclusive end of the period.</summary>
    public required DateTimeOffset Before { get; init; }
    public string? Q { get; init; }
    public LeadId? Cursor { get; init; }

    /// <summary>The query parameters this filter reads, in the order the page shows them.</summary>
    public static IReadOnlyList<string> Parameters { get; } =
        ["status", "intent", "channel", "provider", "rep", "utmSource", "utmCampaign", "from", "to", "q", "continuationToken"];

    /// <summary>Reads the filter; every parameter that can't be used is named in <paramref name="errors"/>.</summary>
    public static LeadListFilter? TryRead(IQueryCollection query, DateTimeOffset now, TimeZoneInfo zone, TimeSpan defaultPeriod, out List<FieldError> errors)
    {
        errors = [];
        var list = errors;
        string? Text(string name)
        {
            var values = query[name];
            if (values.Count > 1) { list.Add(new FieldError(name, "Give this parameter once.")); return null; }
            var value = values.FirstOrDefault()?.Trim();
            if (string.IsNullOrEmpty(value)) return null;
            if (value.Length > MaxTextLength) { list.Add(new FieldError(name, $"At most {MaxTextLength} characters.")); return null; }
            return value;
        }
        T? Closed<T>(string name) where T : struct, Enum
        {
            var value = Text(name);
            if (value is null) return null;
            if (WireNames.TryParse<T>(value, out var parsed)) return parsed;
            list.Add(new FieldError(name, $"'{value}' is not one of: {string.Join(", ", WireNames.All<T>())}."));
            return null;
        }

        var status = Closed<LeadStatus>("status");
        var intent = Closed<LeadIntent>("intent");
        var channel = Closed<Channel>("channel");
        var from = Time("from", Text("from"), zone, endOfDay: false, list);
        var to = Time("to", Text("to"), zone, endOfDay: true, list);
        LeadId? cursor = null;
        if (Text("continuationToken") is { } token)
        {
            if (LeadId.TryParse(token, out var id)) cursor = id;
            else errors.Add(new FieldError("continuationToken", "Not a continuation token this API gave."));
        }
        var before = to ?? now.AddMilliseconds(1);
        var start = from ?? before - defaultPeriod;
        if (from is not null && start >= before) errors.Add(new FieldError("from", "'from' must come before 'to'."));
        else if (before - start > TimeSpan.FromDays(MaxSpanDays)) errors.Add(new FieldError("from", $"The period covers at most {MaxSpanDays} days."));

        var filter = new LeadListFilter
        {
            Status = status, Intent = intent, Channel = channel,
            Provider = Text("provider"), Rep = Text("rep"), UtmSource = Text("utmSource"), UtmCampaign = Text("utmCampaign"),
            From = start, Before = before, Q = Text("q"), Cursor = cursor,
        };
        return errors.Count == 0 ? filter : null;
    }

    /// <summary>True when the lead passes every filter (the period and the cursor aside).</summary>
    public bool Matches(Lead lead) =>
        (Status is null || lead.Status == Status) &&
        (Intent is null || lead.Intent == Intent) &&
        (Channel is null || lead.Channel == Channel) &&
        (Provider is null || string.Equals(lead.Provider, Provider, StringComparison.OrdinalIgnoreCase)) &&
        (Rep is null || string.Equals(lead.Assignment?.RepEmail, Rep, StringComparison.OrdinalIgnoreCase)) &&
        (UtmSource is null || string.Equals(lead.Captured.Source.UtmSource, UtmSource, StringComparison.OrdinalIgnoreCase)) &&
        (UtmCampaign is null || string.Equals(lead.Captured.Source.UtmCampaign, UtmCampaign, StringComparison.OrdinalIgnoreCase));

    /// <summary>The query string of this filter (without the cursor unless asked), for links and forms.</summary>
    public string ToQuery(TimeZoneInfo zone, LeadId? cursor = null)
    {
        var pairs = new List<(string, string?)>
        {
            ("status", Status is { } s ? WireNames.Of(s) : null), ("intent", Intent is { } i ? WireNames.Of(i) : null),
            ("channel", Channel is { } c ? WireNames.Of(c) : null), ("provider", Provider), ("rep", Rep),
            ("utmSource", UtmSource), ("utmCampaign", UtmCampaign),
            ("from", FromText(zone)), ("to", ToText(zone)), ("q", Q), ("continuationToken", cursor?.Value),
        };
        return string.Join("&", pairs.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    }

    /// <summary>The period's first day as a date in the account's zone.</summary>
    public string FromText(TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(From, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The period's last day (included) as a date in the account's zone.</summary>
    public string ToText(TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(Before.AddTicks(-1), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(string name, string? text, TimeZoneInfo zone, bool endOfDay, List<FieldError> errors)
    {
        if (text is null) return null;
        // Years outside 2000–8999 can hold no lead, and near the ends of the calendar a zone's offset is not in whole
        // minutes (local mean time) and window arithmetic overflows: refuse them as the field's error.
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day.Year is >= MinYear and <= MaxYear) return StartOf(endOfDay ? day.AddDays(1) : day, zone);
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && HasOffset(text))
        {
            if (time.UtcDateTime.Year is >= MinYear and <= MaxYear) return time;
        }
        else
        {
            errors.Add(new FieldError(name, "Give a date (YYYY-MM-DD) or a time with its offset (2026-12-02T09:00:00+01:00)."));
            return null;
        }
        errors.Add(new FieldError(name, $"Out of range: give a time between the years {MinYear} and {MaxYear}."));
        return null;
    }

    private static bool HasOffset(string text) => text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');

    /// <summary>Midnight of <paramref name="day"/> in <paramref name="zone"/> (the first valid instant on a DST day).</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
