using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Dispatch settings (<c>Dispatch__*</c>).</summary>
internal sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>The rep who gets every MQL when no assignment rule matches.</summary>
    [Required(ErrorMessage = "Dispatch:DefaultRepEmail is required (the rep who receives leads no rule assigns).")]
    [EmailAddress(ErrorMessage = "Dispatch:DefaultRepEmail must be an email address.")]
    public string DefaultRepEmail { get; set; } = string.Empty;

    public string? DefaultRepName { get; set; }

    /// <summary>A sales directory seed file (docs/dispatch.md, "Seed format") loaded at start when set; replaces the stored directory.</summary>
    public string? SeedFile { get; set; }

    /// <summary>How long a loaded directory is reused before it is read again (admin changes on this instance apply at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Dispatch:DirectoryCacheFor must be between 00:00:00 and 00:10:00.")]
    public TimeSpan DirectoryCacheFor { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An MQL is assigned and its rep mailed in the same invocation that screened it, without a hop through
    /// <c>leads-dispatch</c> (that queue stays the retry path: a failed or skipped inline dispatch queues the lead).
    /// Off: every MQL goes through the queue, as before.
    /// </summary>
    public bool InlineAfterScreening { get; set; } = true;

    /// <summary>How far back (by capture time) the SLA watch looks for leads waiting for acceptance.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Dispatch:SlaLookback must be between 00:01:00 and 90.00:00:00.")]
    public TimeSpan SlaLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An SQL, SAL or opportunity without progress for this long goes back to nurture.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Dispatch:RecycleAfter must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan RecycleAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How far back (by capture time) the recycler looks.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ErrorMessage = "Dispatch:RecycleLookback must be between 1.00:00:00 and 3650.00:00:00.")]
    public TimeSpan RecycleLookback { get; set; } = TimeSpan.FromDays(400);
}
