namespace LeadIntake.Core.Privacy;

/// <summary>Where an erasure request stands (wire names <c>pending</c>, <c>done</c>).</summary>
public enum ErasureStatus
{
    Pending,
    Done,
}

/// <summary>
/// An erasure request and its progress. No personal data: the contact index keys (hashes) it searches are kept while
/// it is pending and cleared when it is done. Progress is recorded page by page so a crash resumes where it stopped:
/// <see cref="KeyIndex"/> and <see cref="Cursor"/> say which key and which lead id come next, <see cref="InFlight"/> lists
/// the leads of the page being purged (purged again on resume: a purge is idempotent).
/// </summary>
public sealed record ErasureRequest
{
    public required string Id { get; init; }
    public ErasureStatus Status { get; init; }
    public string? EmailKey { get; init; }
    public string? PhoneKey { get; init; }
    public int KeyIndex { get; init; }
    public string? Cursor { get; init; }
    public IReadOnlyList<string> InFlight { get; init; } = [];
    public int LeadsErased { get; init; }
    public required DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public required string RequestedBy { get; init; }
    public required string Operator { get; init; }
    /// <summary>The completion is in the proof log.</summary>
    public bool Logged { get; init; }

    /// <summary>The keys to search, in order: the email's, then the phone's.</summary>
    public IReadOnlyList<string> Keys => new[] { EmailKey, PhoneKey }.OfType<string>().ToList();
}
