namespace LeadIntake.Core.Privacy;

/// <summary>The privacy proof log (table <c>PrivacyLog</c>): append-only, PII-free, kept as evidence of how rights were served.</summary>
public interface IPrivacyLog
{
    /// <summary>Appends one entry. Entries are never updated or deleted.</summary>
    Task AppendAsync(PrivacyLogEntry entry, CancellationToken cancellationToken);

    /// <summary>The entries between two instants, oldest first.</summary>
    IAsyncEnumerable<PrivacyLogEntry> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
