using System.Text;

namespace LeadIntake.Core.Intake.Signatures;

/// <summary>
/// Postmark signs nothing: the inbound webhook URL carries basic-auth credentials (<c>https://user:pass@host/path</c>)
/// that arrive as an <c>Authorization: Basic</c> header (https://postmarkapp.com/developer/webhooks/webhooks-overview).
/// </summary>
public static class PostmarkBasicAuth
{
    public static SignatureVerdict Verify(string username, string password, string? authorizationHeader)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader)) return SignatureVerdict.Missing;
        var header = authorizationHeader.Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return SignatureVerdict.Mismatch;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return SignatureVerdict.Mismatch;
        }
        int colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return SignatureVerdict.Mismatch;
        // Both halves are always compared (no short circuit), so the time doesn't tell which one was wrong.
        bool userOk = ConstantTime.TextEquals(decoded[..colon], username);
        bool passwordOk = ConstantTime.TextEquals(decoded[(colon + 1)..], password);
        return userOk & passwordOk ? SignatureVerdict.Valid : SignatureVerdict.Mismatch;
    }
}
