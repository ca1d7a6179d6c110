using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Screening;

/// <summary>Screening settings (<c>Screening__*</c>): rules file, lists, phone region, windows, routing mailboxes.</summary>
internal sealed class ScreeningOptions
{
    public const string SectionName = "Screening";

    /// <summary>An operator's rules file (JSON, docs/screening.md); reloaded when it changes. Empty: the shipped rules.</summary>
    public string? RulesFile { get; set; }

    /// <summary>
    /// Comma-separated languages the business answers (ISO 639-1, e.g. <c>fr,en</c>); a message written in another
    /// language gets the unserved-language signal. Empty: the rules file's <c>language.served</c> (fr, en).
    /// </summary>
    public string? ServedLanguages { get; set; }

    /// <summary>
    /// A screening model file written by <c>train --out</c> (e.g. retrained with this installation's feedback).
    /// Empty: the model shipped inside the app.
    /// </summary>
    public string? ModelFile { get; set; }

    /// <summary>Comma-separated addresses and domains never marked spam.</summary>
    public string? AllowList { get; set; }

    /// <summary>Comma-separated addresses and domains always marked spam.</summary>
    public string? BlockList { get; set; }

    /// <summary>A file of extra disposable domains, one per line (<c>*.example.com</c> covers subdomains).</summary>
    public string? ExtraDisposableDomainsFile { get; set; }

    /// <summary>ISO 3166-1 alpha-2 region for national phone numbers when the lead gives no country.</summary>
    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "Screening:DefaultPhoneRegion must be a two-letter ISO region code such as FR.")]
    public string DefaultPhoneRegion { get; set; } = "FR";

    /// <summary>How far back submissions from the same contact or client count as a burst.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Screening:BurstWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Count submissions from the same client address (fingerprint) as a burst signal. Turn off when every lead arrives
    /// from one address (a proxy without forwarded headers, a test host on loopback): they would all look like one client.
    /// </summary>
    public bool CountClientBursts { get; set; } = true;

    /// <summary>How far back a known contact's open lead takes a new lead as a touch instead of a second dispatch.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00", ErrorMessage = "Screening:TouchWindow must be between 00:00:00 and 365.00:00:00.")]
    public TimeSpan TouchWindow { get; set; } = TimeSpan.FromDays(30);

    [Required(ErrorMessage = "Screening:ServiceMailbox is required (where service requests are mailed).")]
    [EmailAddress(ErrorMessage = "Screening:ServiceMailbox must be an email address.")]
    public string ServiceMailbox { get; set; } = string.Empty;

    [Required(ErrorMessage = "Screening:HrMailbox is required (where job applications are mailed).")]
    [EmailAddress(ErrorMessage = "Screening:HrMailbox must be an email address.")]
    public string HrMailbox { get; set; } = string.Empty;

    [Required(ErrorMessage = "Screening:MarketingMailbox is required (where other requests are mailed).")]
    [EmailAddress(ErrorMessage = "Screening:MarketingMailbox must be an email address.")]
    public string MarketingMailbox { get; set; } = string.Empty;

    /// <summary>
    /// Time of day (UTC) from which the daily digest of leads held for review goes to the marketing mailbox. The digest
    /// timer looks every five minutes; the mail goes once per UTC day, and only when a lead waits for review.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "23:59:59", ErrorMessage = "Screening:ReviewDigestTime must be a time of day between 00:00:00 and 23:59:59 (UTC).")]
    public TimeSpan ReviewDigestTime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Splits a comma-separated list setting (commas, semicolons or new lines).</summary>
    public static IEnumerable<string> Entries(string? list) =>
        (list ?? string.Empty).Split([',', ';', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
