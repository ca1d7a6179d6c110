using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Console;

/// <summary>The cockpit's settings (<c>Console__*</c>); docs/console.md.</summary>
internal sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    public ConsoleAuthMode Auth { get; set; } = ConsoleAuthMode.AdminKey;

    /// <summary>How long a sign-in lasts without activity (sliding); the cookie is renewed while it is used.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Console:SessionLifetime must be between 00:05:00 and 7.00:00:00.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The account's time zone (IANA or Windows id): where "today" starts and how times are shown.</summary>
    [Required]
    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>
    /// Where the Data Protection keys that protect the sign-in cookie and the form tokens are kept. Empty (default):
    /// in the storage account's <c>ConsoleKeys</c> table, shared by every instance. A folder path: on that disk
    /// (one machine only).
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>How far back the lead list and the quarantine look when no period is given.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "366.00:00:00", ErrorMessage = "Console:DefaultPeriod must be between 1.00:00:00 and 366.00:00:00.")]
    public TimeSpan DefaultPeriod { get; set; } = TimeSpan.FromDays(30);

    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
}
