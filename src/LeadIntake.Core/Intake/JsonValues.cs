using System.Globalization;
using System.Text.Json;

namespace LeadIntake.Core.Intake;

/// <summary>
/// Reads one known property of a JSON object without walking anything else: parsers only ever follow fixed paths,
/// so a deeply nested or huge payload costs them nothing beyond what they read.
/// </summary>
internal static class JsonValues
{
    public static JsonElement? Property(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static JsonElement? Object(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Object } value ? value : null;

    public static JsonElement? Array(JsonElement obj, string name) =>
        Property(obj, name) is { ValueKind: JsonValueKind.Array } value ? value : null;

    /// <summary>A string property, or a number/boolean as its JSON text (ids arrive as either); null otherwise.</summary>
    public static string? Text(JsonElement obj, string name) => Property(obj, name) is { } value ? AsText(value) : null;

    public static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A number, or a string holding one; null when absent or not a number.</summary>
    public static double? Number(JsonElement obj, string name)
    {
        if (Property(obj, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d)) return d;
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
        return null;
    }

    public static long? Integer(JsonElement obj, string name)
    {
        if (Property(obj, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n)) return n;
        if (value.ValueKind == JsonValueKind.String
            && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
        return null;
    }

    /// <summary>A time given as Unix seconds (number or numeric string) or as ISO 8601 text.</summary>
    public static DateTimeOffset? Time(JsonElement obj, string name)
    {
        if (Property(obj, name) is not { } value) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)) return FromUnix(seconds);
        if (value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString();
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds)) return FromUnix(seconds);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    private static DateTimeOffset? FromUnix(long seconds) =>
        seconds is > 0 and < 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
