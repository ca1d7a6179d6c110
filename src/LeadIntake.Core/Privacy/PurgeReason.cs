namespace LeadIntake.Core.Privacy;

/// <summary>Why a lead's personal data is purged.</summary>
public enum PurgeReason
{
    /// <summary>The person asked for erasure (Art. 17).</summary>
    Erasure,
    /// <summary>The retention period of the lead's class ran out.</summary>
    Retention,
}
