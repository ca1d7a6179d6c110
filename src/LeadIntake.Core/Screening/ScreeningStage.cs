using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Core.Screening.Feedback;
using LeadIntake.Core.Stages;

namespace LeadIntake.Core.Screening;

/// <summary>
/// The screening stage's decision for one lead, pure: a captured lead gets its verdict, intent, normalised contact and
/// status with a <c>screened</c> event (a known contact's commercial lead is attached to the contact's open lead as a
/// touch instead); then the steps that follow, in order — the lead recorded under its contact keys, a released lead's
/// new intent stored as a feedback example, and by status: an MQL queued for dispatch, a routed request mailed to its
/// team once, a lead held for review added to the review queue, the touched lead told (and, back in <c>mql</c>,
/// queued for dispatch), and an accepted email lead's sender acknowledged once. An MQL is dispatched in the same run when the app can (the dispatch queue is the fallback). A lead already screened gets the same steps back, so a redelivery repeats them.
/// </summary>
public static class ScreeningStage
{
    public const string Actor = "screening";

    /// <param name="screen">The screener: <see cref="LeadScreener.Screen"/> in the app.</param>
    public static StageDecision Decide(Lead lead, ScreeningFacts facts, Func<Lead, ScreeningContext, DateTimeOffset, ScreeningOutcome> screen, DateTimeOffset now)
    {
        if (lead.Status != LeadStatus.Captured) return StageDecision.Unchanged(lead, "already screened", [.. NextSteps(lead, facts, now)]);

        var outcome = screen(lead, facts.Context, now);
        if (lead.ReleasedFromQuarantine && outcome.Trigger == LeadTrigger.HoldForReview)
        {
            // A person already said "not spam": holding it for review again would loop. Its intent decides.
            outcome = outcome with { Trigger = TriggerFor(outcome.Decision.Intent) };
        }
        var contact = outcome.Contact ?? lead.Contact;
        if (LeadLifecycle.Decide(lead.Status, outcome.Trigger) is not TransitionOutcome.Advanced advanced)
        {
            return StageDecision.Unchanged(lead, "the lifecycle refused the screening trigger", KeysOf(lead.Id, contact, lead.Captured.Signals, facts));
        }
        var decision = outcome.Decision;
        var screened = lead.MovedTo(advanced.To, now) with
        {
            Intent = decision.Intent,
            Screening = decision,
            // The normalised contact replaces the captured one; what the sender typed is kept beside it.
            Captured = lead.Captured with { Contact = contact },
            OriginalContact = lead.OriginalContact ?? (contact == lead.Contact ? null : lead.Contact),
            MarketingSuppressed = lead.MarketingSuppressed || facts.MarketingSuppressed,
        };
        var events = new List<LeadEvent>
        {
            new(LeadEventType.Screened, now, Actor,
                $"intent={WireNames.Of(decision.Intent)} status={WireNames.Of(advanced.To)} confidence={decision.Confidence:0.00} spamScore={decision.SpamScore:0.00} reasons={decision.Reasons.Count} rules={decision.RulesVersion}"),
        };
        if (advanced.To == LeadStatus.Mql && KnownContactTouch.Target(facts.EarlierContactLeads) is { } target
            && KnownContactTouch.Attach(screened, target.Id, now) is { } attached)
        {
            screened = attached.Lead;
            events.Add(attached.Event);
        }
        return StageDecision.Save(screened, events, [.. NextSteps(screened, facts, now)]);
    }

    /// <summary>The steps after a screened lead was saved (or found saved), in order.</summary>
    private static IEnumerable<NextStep> NextSteps(Lead lead, ScreeningFacts facts, DateTimeOffset now)
    {
        if (!ScreenedInto(lead)) yield break;
        yield return KeysOf(lead.Id, lead.Contact, lead.Captured.Signals, facts);
        if (ReleasedExample(lead, facts, now) is { } example) yield return new NextStep.RecordFeedback(example);
        switch (lead.Status)
        {
            case LeadStatus.Review:
                // Nobody is mailed now: the lead waits for the daily digest, which lists the review queue.
                yield return new NextStep.AddToReview(lead.Id, lead.StageTimes.GetValueOrDefault(LeadStatus.Review, lead.CapturedAt));
                break;
            case LeadStatus.Mql:
                // Dispatch right away in this invocation; its queue is the fallback and the retry path.
                yield return new NextStep.Continue(PipelineQueue.Dispatch, lead.Id);
                break;
            case LeadStatus.RoutedService:
                yield return Routed(lead, LeadIntent.Service, facts);
                break;
            case LeadStatus.RoutedHr:
                yield return Routed(lead, LeadIntent.Hr, facts);
                break;
            case LeadStatus.RoutedOther:
                yield return Routed(lead, LeadIntent.Other, facts);
                break;
            case LeadStatus.Assigned:
                // Dispatched in the screening run, which stopped before the rep was told (a crash, a shutdown): the
                // redelivered screening message finishes the dispatch, which repeats only its missing steps.
                yield return new NextStep.Continue(PipelineQueue.Dispatch, lead.Id);
                break;
            case LeadStatus.Lost when lead.AttachedTo is { } target:
                var newLead = lead.Id;
                yield return new NextStep.Then(target, "touch", (existing, at) => KnownContactTouch.Decide(existing, newLead, at));
                break;
        }
        // After the stage's own step, so the acknowledgement never delays dispatch; the outbox sends it once.
        if (facts.Acknowledgement is { } notice && Privacy.AcknowledgementMail.IsDue(lead))
        {
            yield return new NextStep.SendMail(lead.Id, Privacy.AcknowledgementMail.Compose(lead, notice));
        }
    }

    /// <summary>
    /// Whether screening left the lead where it is now, so its steps belong to this stage. A lead that moved on (an
    /// MQL assigned since) takes no step from a late redelivery, as before: the next stage owns it.
    /// </summary>
    private static bool ScreenedInto(Lead lead) => lead.Status switch
    {
        LeadStatus.Spam or LeadStatus.Review or LeadStatus.Mql or LeadStatus.RoutedService or LeadStatus.RoutedHr or LeadStatus.RoutedOther => true,
        LeadStatus.Lost => lead.AttachedTo is not null,
        LeadStatus.Assigned when lead.RepNotifiedAt is null => true,
        // Released leads that moved on still owe their example (assigned, accepted…): the feedback step is a no-op when stored.
        _ => lead.ReleasedFromQuarantine,
    };

    private static NextStep.RecordContactKeys KeysOf(LeadId id, Contact contact, AntiBotSignals signals, ScreeningFacts facts)
    {
        var keys = ContactKeys.For(contact, signals);
        return new(id, facts.RecordClientKey ? keys.All : [.. keys.Contact]);
    }

    private static NextStep.SendMail Routed(Lead lead, LeadIntent intent, ScreeningFacts facts)
    {
        var mailbox = facts.MailboxFor(intent);
        return new NextStep.SendMail(lead.Id, RoutedRequestMail.Compose(lead, intent, new MailAddress(mailbox.Address), mailbox.ReturnToSalesLink));
    }

    /// <summary>A released lead screened again: its new intent is the label of a ham example, with who released it and when.</summary>
    private static FeedbackExample? ReleasedExample(Lead lead, ScreeningFacts facts, DateTimeOffset now)
    {
        if (!lead.ReleasedFromQuarantine || lead.Intent is not { } intent || intent == LeadIntent.Spam) return null;
        if (lead.Status is LeadStatus.Captured or LeadStatus.Spam or LeadStatus.Review) return null;
        return FeedbackExamples.From(lead, intent, FeedbackSource.Released, facts.ReleasedBy, facts.ReleasedAt ?? now);
    }

    private static LeadTrigger TriggerFor(LeadIntent intent) => intent switch
    {
        LeadIntent.Service => LeadTrigger.RouteToService,
        LeadIntent.Hr => LeadTrigger.RouteToHr,
        LeadIntent.Other => LeadTrigger.RouteToOther,
        _ => LeadTrigger.MarkMql,
    };
}
