namespace LeadIntake.Functions.Storage;

/// <summary>What a write of the sales directory did.</summary>
internal enum DirectoryWriteOutcome
{
    Written,
    /// <summary>Someone changed the directory since it was read: read again and redo the change.</summary>
    ChangedConcurrently,
    /// <summary>The compressed document is over <see cref="TableSalesDirectory.MaxStoredBytes"/>: nothing was written.</summary>
    TooLarge,
}
