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

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Lead {LeadId}: mail {Purpose} sent")]
    private static partial void LogMailSent(ILogger logger, string leadId, string purpose);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Lead {LeadId}: feedback example stored, label {Label} from {Source}")]
    private static partial void LogFeedback(ILogger logger, string leadId, LeadIntent label, FeedbackSource source);
}
