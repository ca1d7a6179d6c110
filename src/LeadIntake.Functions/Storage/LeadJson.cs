using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>How a lead is written as JSON: in its table entity and in API responses. Enums use their wire names.</summary>
internal static class LeadJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Accented names stay readable ("François", not "Fran\u00e7ois"); HTML-sensitive characters are still escaped.
            Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.Converters.Add(new LeadIdJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class LeadIdJsonConverter : JsonConverter<LeadId>
    {
        public override LeadId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            LeadId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Invalid lead id.");

        public override void Write(Utf8JsonWriter writer, LeadId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
