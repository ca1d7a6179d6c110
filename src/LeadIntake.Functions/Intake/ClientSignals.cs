using System.Security.Cryptography;
using System.Text;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// What the transport tells about the sender, reduced to what screening needs: a hash of the client's key
/// (<see cref="ClientAddress"/>, the same one the form rate limit counts by) for burst detection. The address itself
/// is personal data and is never stored.
/// </summary>
internal static class ClientSignals
{
    public static AntiBotSignals From(HttpContext context)
    {
        var address = ClientAddress.KeyOf(context);
        if (address is null) return AntiBotSignals.None;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("leadintake-client:" + address));
        return new AntiBotSignals { ClientFingerprint = Convert.ToHexString(hash, 0, 12) };
    }
}
