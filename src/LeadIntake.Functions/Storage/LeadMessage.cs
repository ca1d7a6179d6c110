using System.Text.Json;
using System.Text.Json.Serialization;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Storage;

/// <summary>A pipeline queue message: the lead id and a schema version, never personal data (docs/conventions.md, 'Queue messages carry ids').</summary>
internal sealed record LeadMessage(
    [property: JsonPropertyName("leadId")] string LeadId,
    [property: JsonPropertyName("v")] int Version = 1)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The lead id, or null when the text isn't a message of ours (it can never succeed: complete it).</summary>
    public static LeadId? TryReadLeadId(string text)
    {
        try
        {
            var message = JsonSerializer.Deserialize<LeadMessage>(text);
            return message is not null && Core.Leads.LeadId.TryParse(message.LeadId, out var id) ? id : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
