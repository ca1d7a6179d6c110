namespace LeadIntake.Core.Leads;

/// <summary>How a raw lead arrived.</summary>
public enum Channel
{
    Form,
    Email,
    Call,
    Social,
}
