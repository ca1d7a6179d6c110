namespace LeadIntake.Core.Privacy;

/// <summary>What a privacy proof-log entry records (stable wire names: the enum member names).</summary>
public enum PrivacyAction
{
    /// <summary>An erasure request was accepted (Art. 17).</summary>
    ErasureRequested,
    /// <summary>An erasure request finished: every lead found was purged.</summary>
    ErasureCompleted,
    /// <summary>An access or portability export was produced (Art. 15/20).</summary>
    AccessExported,
    /// <summary>The daily retention run purged what was due.</summary>
    RetentionPurged,
    /// <summary>Someone read a lead's personal data in the cockpit.</summary>
    PersonalDataViewed,
}
