using System.Text;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The wire encoding of queue messages. The Functions queue trigger expects base64 by default while the .NET SDK's
/// default is none (docs/queues.md, 'Message encoding'): we encode and decode ourselves so producer and consumer always agree,
/// and so a message that isn't valid base64 can be poisoned with its content intact.
/// </summary>
internal sealed class QueueMessageCodec(bool base64)
{
    public string Encode(string text) => base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) : text;

    public bool TryDecode(string wire, out string text)
    {
        if (!base64)
        {
            text = wire;
            return true;
        }
        var buffer = new byte[wire.Length];
        if (Convert.TryFromBase64String(wire, buffer, out int written))
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
                return true;
            }
            catch (DecoderFallbackException)
            {
                // not UTF-8: fall through
            }
        }
        text = string.Empty;
        return false;
    }
}
