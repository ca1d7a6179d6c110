namespace LeadIntake.Functions.Storage;

/// <summary>The tables LeadIntake keeps (docs/architecture.md, "Storage layout").</summary>
internal static class TableNames
{
    /// <summary>Leads and, in the same partition, their audit events (one atomic batch per stage).</summary>
    public const string Leads = "Leads";
    /// <summary>Provider event id → lead id, insert-if-absent.</summary>
    public const string IntakeKeys = "IntakeKeys";
    /// <summary>Sent-once rows of mails about no single lead (topics), and lead mail rows of earlier versions; a lead's own are in its partition of <see cref="Leads"/>.</summary>
    public const string Mail = "Mail";
    /// <summary>Sales reps as earlier versions stored them (PartitionKey <c>rep</c>): read until the directory entity exists.</summary>
    public const string SalesReps = "SalesReps";
    /// <summary>The sales directory as one entity (<c>directory</c>/<c>current</c>) and one rotation per team (<c>rotation</c>).</summary>
    public const string Teams = "Teams";
    /// <summary>Account (company domain, contact email hash) → owning rep.</summary>
    public const string AccountOwners = "AccountOwners";
    /// <summary>Nonces of action links already used: one-time links by insert-if-absent.</summary>
    public const string UsedLinks = "UsedLinks";
    /// <summary>Hashed contact key (email, phone, client) → lead ids: bursts, known contacts, erasure by email.</summary>
    public const string Contacts = "Contacts";

    /// <summary>Leads held for review (PartitionKey <c>review</c>, RowKey lead id): the daily digest reads this, never the leads.</summary>
    public const string ReviewQueue = "ReviewQueue";
    /// <summary>PII-free index of feedback examples (PartitionKey <c>yyyyMM</c>, RowKey lead id); the example itself sits in the lead's partition.</summary>
    public const string ScreeningFeedback = "ScreeningFeedback";

    /// <summary>The Data Protection keys of the cockpit's sign-in cookie and form tokens (PartitionKey <c>key</c>).</summary>
    public const string ConsoleKeys = "ConsoleKeys";
    /// <summary>KPI projections: per month (PartitionKey <c>m{yyyyMM}</c>) 16 aggregate rows and one marker row per projected event.</summary>
    public const string Kpis = "Kpis";
    /// <summary>What the KPIs need from people: spend ledger lines (PartitionKey <c>spend-{yyyyMM}</c>) and monthly visitors.</summary>
    public const string KpiInputs = "KpiInputs";

    /// <summary>The privacy proof log (PartitionKey <c>yyyyMM</c>): erasures, exports, retention runs; no personal data.</summary>
    public const string PrivacyLog = "PrivacyLog";
    /// <summary>Erasure requests and their progress (PartitionKey <c>erasure</c>, RowKey request id): contact index hashes while pending, counts after.</summary>
    public const string PrivacyRequests = "PrivacyRequests";
    /// <summary>Who gets no nurture or marketing again: PartitionKey <c>email</c> or <c>phone</c>, RowKey the HMAC of the value.</summary>
    public const string Suppressions = "Suppressions";

    /// <summary>Where the retention run stands per capture month (PartitionKey <c>lead</c> or <c>raw</c>, RowKey <c>yyyyMM</c> or <c>watermark</c>); ids and times only.</summary>
    public const string RetentionMarks = "RetentionMarks";


    public static IReadOnlyList<string> All { get; } = [Leads, IntakeKeys, Mail, SalesReps, Teams, AccountOwners, UsedLinks, Contacts, ReviewQueue, ScreeningFeedback, ConsoleKeys, Kpis, KpiInputs, PrivacyLog, PrivacyRequests, Suppressions, RetentionMarks];
}
