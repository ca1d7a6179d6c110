namespace LeadIntake.Core.Leads;

/// <summary>Who the contact is in the buying decision, and their role as they described it.</summary>
public sealed record AuthorityAnswer(AuthorityLevel Level, string? Role = null)
{
    public bool IsKnown => Level != AuthorityLevel.Unknown;
}
