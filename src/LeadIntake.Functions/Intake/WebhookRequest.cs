using System.Text;
using System.Text.Json;
using LeadIntake.Core.Intake.Signatures;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadIntake.Functions.Intake;

/// <summary>What every webhook endpoint does to a request before a parser sees it: size, media type, UTF-8, JSON depth, credentials.</summary>
internal static class WebhookRequest
{
    public const string Json = "application/json";
    public const string UrlEncoded = "application/x-www-form-urlencoded";
    public const string Multipart = "multipart/form-data";
    public const string Rfc822 = "message/rfc822";

    /// <summary>Parsers follow fixed paths; 64 levels is far more than any provider sends (docs/intake-formats.md).</summary>
    public const int MaxJsonDepth = 64;

    /// <summary>
    /// Reads the body up to <paramref name="maxBytes"/>. Kestrel's server-wide limit (4 MiB) is raised for this request
    /// only, so an email endpoint can take its larger limit while forms keep theirs.
    /// </summary>
    public static Task<ReadOutcome<byte[]>> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }
        return RequestBody.ReadAsync(request, maxBytes, cancellationToken);
    }

    public static MediaTypeHeaderValue? MediaTypeOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Value is not null ? media : null;

    public static bool Is(MediaTypeHeaderValue? media, string expected) =>
        media?.MediaType.Value is { } value && string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(MediaTypeHeaderValue? media) =>
        media?.MediaType.Value is { } value &&
        (string.Equals(value, Json, StringComparison.OrdinalIgnoreCase) || value.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    public static ReadOutcome<JsonDocument> ParseJson(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body)) return Problems.Malformed("body", "The body is not valid UTF-8.");
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException e)
        {
            return Problems.Malformed("body", $"Malformed JSON: {e.Message}");
        }
    }

    /// <summary>Urlencoded pairs in order, repeated names kept as separate pairs (Twilio signs each value).</summary>
    public static async Task<ReadOutcome<List<KeyValuePair<string, string?>>>> ReadUrlEncodedAsync(byte[] body, CancellationToken cancellationToken)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body)) return Problems.Malformed("body", "The body is not valid UTF-8.");
        using var reader = new FormReader(Encoding.UTF8.GetString(body)) { ValueCountLimit = Core.Intake.PayloadLimits.FormPairs };
        var fields = new List<KeyValuePair<string, string?>>();
        try
        {
            while (await reader.ReadNextPairAsync(cancellationToken).ConfigureAwait(false) is { } pair)
            {
                if (fields.Count >= Core.Intake.PayloadLimits.FormPairs) return Problems.Malformed("body", $"At most {Core.Intake.PayloadLimits.FormPairs} fields are accepted.");
                fields.Add(new(pair.Key, pair.Value));
            }
        }
        catch (InvalidDataException e)
        {
            return Problems.Malformed("body", e.Message);
        }
        return fields;
    }

    /// <summary>A refused credential: 401 naming the header or field, and a warning with the provider and the verdict only.</summary>
    public static ProblemHttpResult Unauthorized(ILogger logger, string provider, SignatureVerdict verdict, string field)
    {
        CaptureLog.CredentialRefused(logger, provider, verdict, field);
        var message = verdict switch
        {
            SignatureVerdict.Missing => "The credential is missing.",
            SignatureVerdict.Stale => "The signature is too old (replay protection).",
            SignatureVerdict.Replayed => "Signature already used by another delivery (replay protection).",
            _ => "The credential does not match.",
        };
        return Problems.Field(StatusCodes.Status401Unauthorized, "Unauthorized webhook.", field, message);
    }

    public static ProblemHttpResult UnknownProvider(string provider, IEnumerable<string> known) =>
        Problems.NotFound("provider", $"Unknown provider '{(provider.Length > 40 ? provider[..40] : provider)}'; known: {string.Join(", ", known)}.");

    public static string? Normalise(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
