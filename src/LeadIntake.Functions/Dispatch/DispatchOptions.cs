using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Dispatch;

/// <summary>Dispatch settings (<c>Dispatch__*</c>).</summary>
public sealed class DispatchOptions
{
    public const string SectionName = "Dispatch";

    /// <summary>The rep who gets every MQL when no assignment rule matches.</summary>
    [Required(ErrorMessage = "Dispatch:DefaultRepEmail is required (the rep who receives leads no rule assigns).")]
    [EmailAddress(ErrorMessage = "Dispatch:DefaultRepEmail must be an email address.")]
    public string DefaultRepEmail { get; set; } = string.Empty;

    public string? DefaultRepName { get; set; }
}
