using System.ComponentModel.DataAnnotations;
using LeadIntake.Core.Kpis;

namespace LeadIntake.Functions.Kpis;

/// <summary>KPI settings (<c>Kpis__*</c>): the account's calendar and currency, the recomputation's reach, the export key.</summary>
internal sealed class KpiOptions : IValidatableObject
{
    public const string SectionName = "Kpis";

    /// <summary>IANA time zone the months are cut in.</summary>
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>The currency of the spend ledger (ISO 4217); rows in another currency are refused.</summary>
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Kpis:Currency must be an ISO 4217 code such as EUR.")]
    public string Currency { get; set; } = "EUR";

    /// <summary>Business hours for velocity in business time, in the account's time zone.</summary>
    public TimeOnly BusinessDayStart { get; set; } = new(9, 0);

    public TimeOnly BusinessDayEnd { get; set; } = new(18, 0);

    /// <summary>Working days, comma-separated English day names or three-letter abbreviations.</summary>
    public string BusinessDays { get; set; } = "Mon,Tue,Wed,Thu,Fri";

    /// <summary>Public holidays left out of business time: FR, BE, DE, GB, US, ES, IT, NL, CH, or none.</summary>
    public string HolidayCountry { get; set; } = "FR";

    /// <summary>How many months of captures the daily recomputation reads (leads older than this no longer move a month's figures).</summary>
    [Range(2, 120, ErrorMessage = "Kpis:RecomputeLookbackMonths must be between 2 and 120.")]
    public int RecomputeLookbackMonths { get; set; } = 24;

    /// <summary>
    /// How long a stage change waits in memory before its KPI projection is written: the saves of one lead within it are
    /// coalesced, and all leads of a shard go out in one transaction. The counters lag the leads by about this much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Kpis:ProjectionFlushInterval must be between 00:00:00.050 and 00:01:00.")]
    public TimeSpan ProjectionFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a lead still captured may wait in the projection buffer for its screening (the two saves then need no
    /// read of its log). Behind a screening backlog the MCL count lags by up to this much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:30:00", ErrorMessage = "Kpis:ProjectionCaptureHold must be between 00:00:00 and 00:30:00.")]
    public TimeSpan ProjectionCaptureHold { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Leads the projection buffer holds at most (a long storage outage); past it, changes wait for the daily recomputation.</summary>
    [Range(100, 10_000_000, ErrorMessage = "Kpis:ProjectionMaxPending must be between 100 and 10000000.")]
    public int ProjectionMaxPending { get; set; } = 100_000;

    /// <summary>Base64 key (≥ 32 bytes) of the keyed hash that pseudonymises lead ids in the Parquet export; the export is refused without it.</summary>
    public string? ExportKey { get; set; }

    /// <summary>Where the Parquet export goes: a connection string with a blob endpoint; default <c>AzureWebJobsStorage</c>'s account.</summary>
    public string? ExportStorage { get; set; }

    /// <summary>The blob container of the Parquet export.</summary>
    [RegularExpression("^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$", ErrorMessage = "Kpis:ExportContainer must be a blob container name (lower case, digits, hyphens).")]
    public string ExportContainer { get; set; } = "kpi-exports";

    public KpiCalendar ToCalendar() =>
        new(System.TimeZoneInfo.FindSystemTimeZoneById(TimeZone), BusinessDayStart, BusinessDayEnd, ParseDays(BusinessDays), HolidayCountry);

    public byte[]? ExportKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(ExportKey)) return null;
        try
        {
            var bytes = Convert.FromBase64String(ExportKey);
            return bytes.Length >= 32 ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            yield return new ValidationResult($"Kpis:TimeZone '{TimeZone}' is not a known time zone (use an IANA name such as Europe/Paris).", [nameof(TimeZone)]);
        if (BusinessDayEnd <= BusinessDayStart)
            yield return new ValidationResult("Kpis:BusinessDayEnd must be after Kpis:BusinessDayStart.", [nameof(BusinessDayEnd)]);
        HashSet<DayOfWeek>? days = null;
        string? dayError = null;
        try
        {
            days = ParseDays(BusinessDays);
        }
        catch (FormatException e)
        {
            dayError = e.Message;
        }
        if (dayError is not null || days is { Count: 0 })
            yield return new ValidationResult($"Kpis:BusinessDays must list days such as Mon,Tue,Wed,Thu,Fri. {dayError}", [nameof(BusinessDays)]);
        if (!string.IsNullOrWhiteSpace(ExportKey) && ExportKeyBytes() is null)
            yield return new ValidationResult("Kpis:ExportKey must be base64 of at least 32 bytes (openssl rand -base64 32).", [nameof(ExportKey)]);
    }

    private static HashSet<DayOfWeek> ParseDays(string text)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var word in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var day = Enum.GetValues<DayOfWeek>().FirstOrDefault(d => d.ToString().StartsWith(word, StringComparison.OrdinalIgnoreCase) && word.Length >= 3, (DayOfWeek)(-1));
            if ((int)day < 0) throw new FormatException($"'{word}' is not a day.");
            days.Add(day);
        }
        return days;
    }
}
