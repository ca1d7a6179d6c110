using System.Globalization;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// The retention periods as the record of processing prints them, read from <c>Privacy:Retention:*</c> without binding
/// (the retention run owns and validates those settings): a <c>TimeSpan</c> (<c>30.00:00:00</c>) or a number of days;
/// a missing or unreadable value shows the documented default.
/// </summary>
internal static class RetentionSettings
{
    private static readonly (string Class, string[] Keys, TimeSpan? Default, string Why)[] Classes =
    [
        ("spam", ["Spam"], TimeSpan.FromDays(30), "default: long enough to release a false positive, no longer"),
        ("raw-payloads", ["RawPayloads", "Raw"], TimeSpan.FromDays(90), "default: provider payloads kept for audit and replay of a parsing bug"),
        ("routed", ["Routed", "RoutedRequests"], TimeSpan.FromDays(30), "default: content purged 30 days after hand-off to the service, HR or marketing mailbox"),
        ("prospects", ["Prospects"], TimeSpan.FromDays(3 * 365), "default: 3 years after the prospect's last contact (CNIL recommendation for prospect data)"),
        ("won", ["Won"], null, "default: handed to the CRM; purged after Privacy:Retention:Won when set"),
    ];

    public static IReadOnlyList<RetentionPeriod> Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Privacy:Retention");
        var periods = new List<RetentionPeriod>();
        foreach (var (name, keys, fallback, why) in Classes)
        {
            var key = keys.FirstOrDefault(k => !string.IsNullOrWhiteSpace(section[k]));
            if (key is not null && Parse(section[key]) is { } value)
            {
                periods.Add(new RetentionPeriod(name, value, $"setting Privacy:Retention:{key}"));
            }
            else
            {
                periods.Add(new RetentionPeriod(name, fallback, why));
            }
        }
        return periods;
    }

    private static TimeSpan? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value)) return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days)) return TimeSpan.FromDays(days);
        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }
}
