namespace LeadIntake.Core.Intake.Signatures;

/// <summary>What a webhook's credential check concluded. Anything but <see cref="Valid"/> → 401/403, stored nowhere.</summary>
public enum SignatureVerdict
{
    Valid,
    /// <summary>No signature, token or credential was presented.</summary>
    Missing,
    /// <summary>A credential was presented and doesn't match.</summary>
    Mismatch,
    /// <summary>The signature matches but its timestamp is outside the accepted window (replay protection).</summary>
    Stale,
    /// <summary>The signature is valid but was already used by a different delivery (replay protection).</summary>
    Replayed,
}
