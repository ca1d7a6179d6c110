using System.Buffers;
using LeadIntake.Functions.Hosting;

namespace LeadIntake.Functions.Intake;

/// <summary>Reads a request body into memory up to a limit; over the limit is a 413 that says the limit.</summary>
internal static class RequestBody
{
    public static async Task<ReadOutcome<byte[]>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return Problems.TooLarge(maxBytes);
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var n ? (int)n : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            int read;
            try
            {
                read = await request.Body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Problems.TooLarge(maxBytes);
            }
            catch (BadHttpRequestException e)
            {
                return Problems.Malformed("body", e.Message);
            }
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes) return Problems.TooLarge(maxBytes);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <see cref="WebhookRequest.ReadAsync"/> (this request's own size limit, over Kestrel's server-wide one), then 400
    /// naming the body unless it is valid UTF-8: a JSON parser only notices a bad byte inside a string when the string
    /// is read, far from here, as an exception that is no client error.
    /// </summary>
    public static async Task<ReadOutcome<byte[]>> ReadUtf8Async(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!(await WebhookRequest.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false)).TryValue(out var body, out var problem)) return problem;
        if (!System.Text.Unicode.Utf8.IsValid(body)) return Problems.Malformed("body", "The body is not valid UTF-8.");
        return body;
    }
}
