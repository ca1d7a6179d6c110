using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening.Feedback;

namespace LeadIntake.Core.Stages;

/// <summary>
/// A step taken after a stage's change is saved: a closed set, performed by the stage runner in order. Every step is
/// idempotent, because a redelivery (or a second click) that finds the change saved takes the same steps again.
/// </summary>
public abstract record NextStep
{
    private NextStep() { }

    /// <summary>Put the lead on a pipeline queue. The consumer is idempotent, so a repeat is harmless.</summary>
    public sealed record Enqueue(PipelineQueue Queue, LeadId Lead) : NextStep;

    /// <summary>
    /// Run the stage that reads <paramref name="Queue"/> next, here and now, on the lead as just saved: no queue hop and
    /// no re-read of the lead. The queue stays the retry path: when the next stage can't run here (none, turned off) or
    /// fails, the lead is put on <paramref name="Queue"/> as an <see cref="Enqueue"/> would.
    /// </summary>
    public sealed record Continue(PipelineQueue Queue, LeadId Lead) : NextStep;

    /// <summary>
    /// Send a mail about the lead once: the outbox keeps one mail per lead and purpose. <paramref name="ClaimWithSave"/>:
    /// the mail's purpose is new with the save that precedes this step (it carries the time of the change), so its
    /// outbox claim is written in that save's transaction, and its <c>sent</c> mark in the lead's next save.
    /// </summary>
    public sealed record SendMail(LeadId Lead, OutgoingMail Mail, bool ClaimWithSave = false) : NextStep;

    /// <summary>Hold the lead in the review queue that the daily digest lists.</summary>
    public sealed record AddToReview(LeadId Lead, DateTimeOffset HeldAt) : NextStep;

    /// <summary>Take the lead out of the review queue (released or confirmed).</summary>
    public sealed record RemoveFromReview(LeadId Lead) : NextStep;

    /// <summary>Record the lead under its contact keys (email, phone, client), so later leads find it.</summary>
    public sealed record RecordContactKeys(LeadId Lead, IReadOnlyList<string> Keys) : NextStep;

    /// <summary>Store a labelled example for the screening model (a repeat with the same label is a no-op).</summary>
    public sealed record RecordFeedback(FeedbackExample Example) : NextStep;

    /// <summary>Record <paramref name="RepEmail"/> as the owner of the lead's account (a rep accepted or qualified it).</summary>
    public sealed record RecordAccountOwner(Lead Lead, string RepEmail, DateTimeOffset At) : NextStep;

    /// <summary>
    /// Run another decision on a lead through the same load–decide–save loop: on another lead (a known contact's
    /// touch) or on the same lead after an outside step (mark the rep notified once the mail went out). Its own next
    /// steps are taken too.
    /// </summary>
    public sealed record Then(LeadId Lead, string Stage, Func<Lead, DateTimeOffset, StageDecision> Decide) : NextStep;
}
