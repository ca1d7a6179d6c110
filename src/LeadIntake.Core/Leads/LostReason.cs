namespace LeadIntake.Core.Leads;

/// <summary>Why a lead or an opportunity was lost; <see cref="Duplicate"/> and <see cref="WrongPerson"/> are corrections.</summary>
public enum LostReason
{
    Price,
    Competitor,
    NoDecision,
    ProductFit,
    Unresponsive,
    Other,
    Duplicate,
    WrongPerson,
}
