namespace LeadIntake.Core.Leads;

/// <summary>
/// How far a phone call got, in increasing order of knowledge: merging events keeps the highest, so a late
/// "ringing" never undoes a "completed" (providers deliver call events at least once and out of order).
/// </summary>
public enum CallState
{
    Unknown = 0,
    Ringing = 1,
    InProgress = 2,
    /// <summary>The call ended and nothing says whether a person took it (Twilio <c>completed</c> without a dial status).</summary>
    Ended = 3,
    /// <summary>Nobody answered: busy, no-answer, canceled, failed, abandoned, out of hours.</summary>
    Missed = 4,
    /// <summary>A person took the call.</summary>
    Answered = 5,
}
