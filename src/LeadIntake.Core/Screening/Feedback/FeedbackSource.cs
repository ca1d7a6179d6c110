namespace LeadIntake.Core.Screening.Feedback;

/// <summary>Which correction taught screening a lesson. Wire names: <c>released</c>, <c>reported_spam</c>, <c>confirmed_spam</c>, <c>returned_to_sales</c>.</summary>
public enum FeedbackSource
{
    /// <summary>A lead released from quarantine or from review, labeled with the intent it got when screened again.</summary>
    Released,
    /// <summary>A rep disqualified a lead as spam.</summary>
    ReportedSpam,
    /// <summary>A lead held for review was confirmed as spam.</summary>
    ConfirmedSpam,
    /// <summary>A routed request was sent back to sales by the mailbox that received it.</summary>
    ReturnedToSales,
}
