using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Intake;

/// <summary>Intake settings (<c>Intake__*</c>).</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>The public URL providers call (Twilio signs it); also the base of links in mails.</summary>
    [Url(ErrorMessage = "Intake:PublicBaseUrl must be an absolute http(s) URL.")]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>A lead still <c>captured</c> this long after capture is re-queued by the sweeper (its enqueue failed).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Intake:SweepAfter must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How far back the sweeper looks.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Intake:SweepLookback must be between 00:01:00 and 90.00:00:00.")]
    public TimeSpan SweepLookback { get; set; } = TimeSpan.FromDays(7);
}
