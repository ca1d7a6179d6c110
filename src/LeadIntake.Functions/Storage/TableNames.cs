namespace LeadIntake.Functions.Storage;

/// <summary>The tables LeadIntake keeps (docs/architecture.md, "Storage layout").</summary>
public static class TableNames
{
    /// <summary>Leads and, in the same partition, their audit events (one atomic batch per stage).</summary>
    public const string Leads = "Leads";
    /// <summary>Provider event id → lead id, insert-if-absent.</summary>
    public const string IntakeKeys = "IntakeKeys";
    /// <summary>One row per lead and mail purpose: sent once.</summary>
    public const string Mail = "Mail";
    /// <summary>Hashed contact key (email, phone, client) → lead ids: bursts, known contacts, erasure by email.</summary>
    public const string Contacts = "Contacts";

    public static IReadOnlyList<string> All { get; } = [Leads, IntakeKeys, Mail];
}
