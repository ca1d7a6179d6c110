namespace LeadIntake.Core.Intake.Signatures;

/// <summary>
/// Aircall signs nothing: the <c>token</c> field of the JSON body equals the token issued when the webhook was
/// created (the Aircall API reference; docs/providers.md, 'Aircall'). Compared in constant time.
/// </summary>
public static class AircallToken
{
    public static SignatureVerdict Verify(string configuredToken, string? presentedToken) =>
        string.IsNullOrEmpty(presentedToken) ? SignatureVerdict.Missing
        : ConstantTime.TextEquals(presentedToken, configuredToken) ? SignatureVerdict.Valid
        : SignatureVerdict.Mismatch;
}
