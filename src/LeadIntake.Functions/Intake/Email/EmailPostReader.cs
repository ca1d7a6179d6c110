using System.Text;
using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Intake.Email;

/// <summary>
/// Reads an inbound-email multipart post: text parts decoded with their charset, file parts listed (name, type,
/// size counted while skipping them) and never kept. The body itself is already bounded by the email limit.
/// </summary>
internal static class EmailPostReader
{
    static EmailPostReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<ReadOutcome<(List<KeyValuePair<string, string?>> Fields, List<LeadAttachment> Files)>> ReadMultipartAsync(
        MediaTypeHeaderValue mediaType, byte[] body, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200) return Problems.Malformed("Content-Type", "multipart/form-data needs a boundary parameter.");
        var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false)) { BodyLengthLimit = null };
        var parts = new List<(string Name, string? Charset, byte[] Bytes)>();
        var files = new List<LeadAttachment>();
        var skip = new byte[16 * 1024];
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (parts.Count + files.Count >= PayloadLimits.FormPairs) return Problems.Malformed("body", $"At most {PayloadLimits.FormPairs} parts are accepted.");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition() && !disposition.IsFileDisposition())
                {
                    return Problems.Malformed("body", "Every multipart section needs Content-Disposition: form-data; name=\"…\".");
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    long size = 0;
                    int read;
                    while ((read = await section.Body.ReadAsync(skip, cancellationToken).ConfigureAwait(false)) > 0) size += read;
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (files.Count < PayloadLimits.Attachments) files.Add(new LeadAttachment(TextSanitizer.SingleLine(fileName), TextSanitizer.SingleLine(section.ContentType), size));
                    continue;
                }
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                var charset = MediaTypeHeaderValue.TryParse(section.ContentType, out var partType) ? HeaderUtilities.RemoveQuotes(partType.Charset).Value : null;
                parts.Add((name, charset, buffer.ToArray()));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Problems.Malformed("body", $"Malformed multipart body: {e.Message}");
        }

        // SendGrid names each field's charset in a "charsets" part ({"text":"iso-8859-1",…}); a part's own charset wins.
        var named = Charsets(parts.FirstOrDefault(p => p.Name == "charsets").Bytes);
        var fields = new List<KeyValuePair<string, string?>>(parts.Count);
        foreach (var (name, charset, bytes) in parts)
        {
            var encoding = EncodingFor(charset ?? named.GetValueOrDefault(name));
            if (encoding is UTF8Encoding && !System.Text.Unicode.Utf8.IsValid(bytes))
            {
                return Problems.Malformed(name, "The part is not valid UTF-8 and names no other charset.");
            }
            fields.Add(new(name, encoding.GetString(bytes)));
        }
        return (fields, files);
    }

    private static Dictionary<string, string> Charsets(byte[]? json)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json is null || !System.Text.Unicode.Utf8.IsValid(json)) return map;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object) return map;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String) map[property.Name] = property.Value.GetString()!;
            }
        }
        catch (JsonException)
        {
            // An unreadable charsets part only means UTF-8 for every field.
        }
        return map;
    }

    private static Encoding EncodingFor(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)) return new UTF8Encoding(false);
        try
        {
            var encoding = Encoding.GetEncoding(charset.Trim());
            return encoding.CodePage == Encoding.UTF8.CodePage ? new UTF8Encoding(false) : encoding;
        }
        catch (ArgumentException)
        {
            return new UTF8Encoding(false);
        }
    }
}
