namespace LeadIntake.Core.Intake.Social;

/// <summary>A Meta webhook POST: the leads it announces (possibly several), nothing to capture, or field errors.</summary>
public abstract record MetaNotificationOutcome
{
    private MetaNotificationOutcome() { }

    /// <summary><paramref name="IgnoredCount"/> changes of other fields (feed, messages…) were skipped.</summary>
    public sealed record Leads(IReadOnlyList<MetaLeadgenRef> Refs, int IgnoredCount) : MetaNotificationOutcome;

    public sealed record Ignored(string Reason) : MetaNotificationOutcome;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : MetaNotificationOutcome
    {
        public Invalid(FieldError error) : this([error]) { }
    }
}
