using System.Collections.Frozen;
using System.Text.Json;

namespace LeadIntake.Core.Leads;

/// <summary>
/// The API's and the tables' words for the closed sets: lower snake_case (<c>routed_service</c>, <c>mql</c>).
/// One mapping, used by JSON, by table properties and by mails, so the words can't drift apart.
/// </summary>
public static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum => Cache<TEnum>.ToWire[value];

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        if (text is not null && Cache<TEnum>.FromWire.TryGetValue(text, out value)) return true;
        value = default;
        return false;
    }

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name} wire name.");

    public static IEnumerable<string> All<TEnum>() where TEnum : struct, Enum => Cache<TEnum>.ToWire.Values;

    private static class Cache<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ToWire =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, TEnum> FromWire =
            ToWire.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);
    }
}
