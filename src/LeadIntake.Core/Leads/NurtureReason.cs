namespace LeadIntake.Core.Leads;

/// <summary>Why a lead went back to marketing.</summary>
public enum NurtureReason
{
    NoBudget,
    NotDecisionMaker,
    NoNeed,
    TimingTooFar,
    /// <summary>The rep used the "return to nurture" link without a finer reason.</summary>
    ReturnedByRep,
    /// <summary>The recycler found no progress for the configured number of days.</summary>
    NoProgress,
}
