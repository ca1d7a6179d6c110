using System.Security.Cryptography;
using System.Text;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Intake;

/// <summary>
/// What the transport tells about the sender, reduced to what screening needs: a hash of the client address for
/// burst detection. The address itself is personal data and is never stored.
/// </summary>
public static class ClientSignals
{
    public static AntiBotSignals From(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (address is null) return AntiBotSignals.None;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("leadintake-client:" + address));
        return new AntiBotSignals { ClientFingerprint = Convert.ToHexString(hash, 0, 12) };
    }
}
