using System.Text;
using System.Text.Json;
using LeadIntake.Core.Intake;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Intake.Forms;

/// <summary>
/// Turns a form post body into field pairs, whatever its encoding: JSON object, urlencoded, or multipart.
/// Multipart file parts are refused (422 naming the part): LeadIntake stores leads, not uploads.
/// </summary>
internal static class FormFieldsReader
{
    public const string Json = "application/json";
    public const string UrlEncoded = "application/x-www-form-urlencoded";
    public const string Multipart = "multipart/form-data";
    private const int MaxJsonDepth = 8;
    private const int MaxFields = 200;
    private const int MaxBoundaryLength = 70;

    public static async Task<ReadOutcome<List<KeyValuePair<string, string?>>>> ReadAsync(
        string? contentType, byte[] body, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MediaType.Value is null)
        {
            return Problems.UnsupportedMediaType(contentType, Json, UrlEncoded, Multipart);
        }
        var media = mediaType.MediaType.Value.ToLowerInvariant();
        if (media != Multipart && !System.Text.Unicode.Utf8.IsValid(body))
        {
            return Problems.Malformed("body", "The body is not valid UTF-8.");
        }
        if (media == Json || media.EndsWith("+json", StringComparison.Ordinal)) return ReadJson(body);
        if (media == UrlEncoded) return await ReadUrlEncodedAsync(body, cancellationToken).ConfigureAwait(false);
        if (media == Multipart) return await ReadMultipartAsync(mediaType, body, cancellationToken).ConfigureAwait(false);
        return Problems.UnsupportedMediaType(contentType, Json, UrlEncoded, Multipart);
    }

    private static ReadOutcome<List<KeyValuePair<string, string?>>> ReadJson(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException e)
        {
            return Problems.Malformed("body", $"Malformed JSON: {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.Malformed("body", "The JSON body must be an object of field names to values.");
            }
            var fields = new List<KeyValuePair<string, string?>>();
            var errors = new List<FieldError>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (fields.Count >= MaxFields) return Problems.Malformed("body", $"At most {MaxFields} fields are accepted.");
                switch (property.Value.ValueKind)
                {
                    case var _ when IsScalar(property.Value):
                        fields.Add(new(property.Name, Scalar(property.Value)));
                        break;
                    case JsonValueKind.Null:
                        break;
                    case JsonValueKind.Array when property.Value.EnumerateArray().All(IsScalar):
                        // A multi-select: keep every choice in one value.
                        fields.Add(new(property.Name, string.Join(", ", property.Value.EnumerateArray().Select(Scalar))));
                        break;
                    default:
                        errors.Add(new FieldError(property.Name, "Must be a string, a number, a boolean or a list of those, not an object."));
                        break;
                }
            }
            return errors.Count > 0 ? Problems.Fields(StatusCodes.Status400BadRequest, "The request body can't be read.", errors) : fields;
        }
    }

    private static async Task<ReadOutcome<List<KeyValuePair<string, string?>>>> ReadUrlEncodedAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var reader = new FormReader(Encoding.UTF8.GetString(body)) { ValueCountLimit = MaxFields };
        try
        {
            var form = await reader.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            return form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string?>(f.Key, v))).ToList();
        }
        catch (InvalidDataException e)
        {
            return Problems.Malformed("body", e.Message);
        }
    }

    private static async Task<ReadOutcome<List<KeyValuePair<string, string?>>>> ReadMultipartAsync(
        MediaTypeHeaderValue mediaType, byte[] body, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return Problems.Malformed("Content-Type", "multipart/form-data needs a boundary parameter.");
        // RFC 2046 §5.1.1: 1 to 70 characters. MultipartReader throws on longer ones, outside any body read.
        if (boundary.Length > MaxBoundaryLength) return Problems.Malformed("Content-Type", $"A multipart boundary has at most {MaxBoundaryLength} characters.");
        var reader = new MultipartReader(boundary, new MemoryStream(body));
        var fields = new List<KeyValuePair<string, string?>>();
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (fields.Count >= MaxFields) return Problems.Malformed("body", $"At most {MaxFields} fields are accepted.");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    return Problems.Malformed("body", "Every multipart section needs Content-Disposition: form-data; name=\"…\".");
                }
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    return Problems.Field(StatusCodes.Status422UnprocessableEntity, "File uploads are not accepted.", name,
                        "LeadIntake accepts text fields only; remove the file part (or send a link in the message).");
                }
                if (!disposition.IsFormDisposition())
                {
                    return Problems.Malformed("body", "Every multipart section needs Content-Disposition: form-data; name=\"…\".");
                }
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                fields.Add(new(name, await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false)));
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Problems.Malformed("body", $"Malformed multipart body: {e.Message}");
        }
        return fields;
    }

    /// <summary>A string, number or boolean: a value a form field can hold.</summary>
    internal static bool IsScalar(JsonElement e) => e.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    /// <summary>The field value of a scalar: a string as it is, a number or boolean as written.</summary>
    internal static string Scalar(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
}
