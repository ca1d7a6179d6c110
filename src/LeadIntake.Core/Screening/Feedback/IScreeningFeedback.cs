namespace LeadIntake.Core.Screening.Feedback;

/// <summary>
/// This installation's corrections as training examples: one per lead (the last correction wins), stored with the lead,
/// plus a small index by month to list them.
/// </summary>
public interface IScreeningFeedback
{
    /// <summary>
    /// Stores the example, insert first; a lead that already has one takes the new label (last wins, the change is
    /// counted). False when the same label from the same source was already stored (a retry).
    /// </summary>
    Task<bool> RecordAsync(FeedbackExample example, CancellationToken cancellationToken);

    /// <summary>The examples recorded in the months <paramref name="fromMonth"/> to <paramref name="toMonth"/> (first days, UTC), each lead once.</summary>
    IAsyncEnumerable<FeedbackExample> ListAsync(DateOnly fromMonth, DateOnly toMonth, CancellationToken cancellationToken);
}
