using System.Globalization;
using System.Text.Json;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The Functions host's invocation payload for a non-HTTP trigger: <c>{"Data": {binding: value}, "Metadata": {…}}</c>
/// (docs/functions-host.md, 'Invocation payloads'). The host JSON-serializes scalars a second time (<c>"1"</c> for 1, <c>"\"abc\""</c> for "abc");
/// the documented examples don't: both shapes are accepted, a string that itself holds JSON is unwrapped once.
/// </summary>
public sealed record InvocationRequest(JsonElement Data, JsonElement Metadata)
{
    public static InvocationRequest? TryParse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var data = root.TryGetProperty("Data", out var d) ? d : default;
        var metadata = root.TryGetProperty("Metadata", out var m) ? m : default;
        return new InvocationRequest(data, metadata);
    }

    /// <summary>The queue message text bound as <paramref name="binding"/>: an object is its JSON text, a string is unwrapped once if double-encoded.</summary>
    public string? QueueMessageText(string binding)
    {
        if (Data.ValueKind != JsonValueKind.Object || !Data.TryGetProperty(binding, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => Unwrap(value.GetString()!),
            JsonValueKind.Object or JsonValueKind.Array => value.GetRawText(),
            _ => null,
        };
    }

    public string? MetadataString(string name)
    {
        if (Metadata.ValueKind != JsonValueKind.Object || !Metadata.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => Unwrap(value.GetString()!),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    public long MetadataLong(string name, long fallback) =>
        long.TryParse(MetadataString(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    public DateTimeOffset? MetadataTime(string name) =>
        DateTimeOffset.TryParse(MetadataString(name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string Unwrap(string text)
    {
        // "\"abc\"" → "abc"; "{…}" stays as it is (it is the message text).
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                return JsonSerializer.Deserialize<string>(text) ?? text;
            }
            catch (JsonException)
            {
                return text;
            }
        }
        return text;
    }
}
