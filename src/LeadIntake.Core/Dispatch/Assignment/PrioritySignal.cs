namespace LeadIntake.Core.Dispatch.Assignment;

/// <summary>Why a lead is urgent: each signal is shown to the rep in their language.</summary>
public enum PrioritySignal
{
    /// <summary>A phone number: the lead can be called back now, which converts best.</summary>
    PhoneNumber,
    /// <summary>Buying words: a quote, a price, a demo, "urgent", "call me".</summary>
    BuyingWords,
    /// <summary>Screening was confident the intent is commercial.</summary>
    ConfidentScreening,
    /// <summary>A company address rather than free-mail.</summary>
    CompanyEmail,
}
