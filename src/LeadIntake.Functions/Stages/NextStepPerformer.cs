using LeadIntake.Core.Dispatch.Assignment;
using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Screening;
using LeadIntake.Core.Stages;

namespace LeadIntake.Functions.Stages;

/// <summary>
/// Takes one <see cref="NextStep"/> against storage, the queues and the mail outbox. Every step is idempotent, so the
/// runner may take it again on a redelivery. <see cref="NextStep.Then"/> is the runner's own business.
/// </summary>
internal sealed partial class NextStepPerformer(
    IPipelineQueue queue,
    IMailOutbox outbox,
    IReviewQueue review,
    IContactIndex contacts,
    IScreeningFeedback feedback,
    IAccountOwners owners,
    ILogger<NextStepPerformer> logger)
{
    public async Task PerformAsync(NextStep step, CancellationToken cancellationToken)
    {
        switch (step)
        {
            case NextStep.Enqueue enqueue:
                await queue.EnqueueAsync(enqueue.Queue, enqueue.Lead, cancellationToken).ConfigureAwait(false);
                break;
            case NextStep.SendMail send:
                if (await outbox.SendOnceAsync(send.Lead, send.Mail, cancellationToken).ConfigureAwait(false)) LogMailSent(logger, send.Lead.Value, send.Mail.Purpose);
                break;
            case NextStep.AddToReview add:
                await review.AddAsync(add.Lead, add.HeldAt, cancellationToken).ConfigureAwait(false);
                break;
            case NextStep.RemoveFromReview remove:
                await review.RemoveAsync(remove.Lead, cancellationToken).ConfigureAwait(false);
                break;
            case NextStep.RecordContactKeys keys:
                await contacts.RecordAsync(keys.Lead, keys.Keys, cancellationToken).ConfigureAwait(false);
                break;
            case NextStep.RecordFeedback example:
                if (await feedback.RecordAsync(example.Example, cancellationToken).ConfigureAwait(false))
                {
                    LogFeedback(logger, example.Example.LeadId.Value, example.Example.Label, example.Example.Source);
                }
                break;
            case NextStep.RecordAccountOwner owner:
                await owners.RecordAsync(owner.Lead, owner.RepEmail, owner.At, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new InvalidOperationException($"{step.GetType().Name} is taken by the stage runner, not by the step performer.");
        }
    }

    /// <summary>The outbox claim of <paramref name="send"/>, to be written with the save that decided it.</summary>
    public LeadMailRow.Claimed ClaimWithSave(NextStep.SendMail send) => outbox.ClaimWithSave(send.Lead, send.Mail);

    /// <summary>Sends a mail whose claim was saved with the lead; answers its <c>sent</c> mark for the lead's next save.</summary>
    public async Task<LeadMailRow.Sent> SendClaimedAsync(NextStep.SendMail send, CancellationToken cancellationToken)
    {
        var sent = await outbox.SendClaimedAsync(send.Lead, send.Mail, cancellationToken).ConfigureAwait(false);
        LogMailSent(logger, send.Lead.Value, send.Mail.Purpose);
        return sent;
    }

    /// <summary>Writes <c>sent</c> marks that no save of the lead carried.</summary>
    public Task RecordSentAsync(LeadId lead, IReadOnlyList<LeadMailRow.Sent> sent) => outbox.RecordSentAsync(lead, sent, CancellationToken.None);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Lead {LeadId}: mail {Purpose} sent")]
    private static partial void LogMailSent(ILogger logger, string leadId, string purpose);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Lead {LeadId}: feedback example stored, label {Label} from {Source}")]
    private static partial void LogFeedback(ILogger logger, string leadId, LeadIntent label, FeedbackSource source);
}
