using System.Globalization;
using System.Text.Json;

namespace LeadIntake.Core.Intake.Social;

/// <summary>
/// Meta Lead Ads webhook notifications: <c>{"object":"page","entry":[{"id","time","changes":[{"field":"leadgen",
/// "value":{"leadgen_id","page_id","form_id","ad_id","adgroup_id","created_time"}}]}]}</c> (docs/providers.md, 'Meta Lead Ads').
/// One POST can batch up to 1000 entries, each with several changes: every leadgen change is returned.
/// Check <see cref="Signatures.MetaSignature"/> on the raw body first.
/// </summary>
public static class MetaLeadgenNotificationParser
{
    public static MetaNotificationOutcome Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return new MetaNotificationOutcome.Invalid(new FieldError("body", "Must be a JSON object."));
        var kind = JsonValues.Text(root, "object");
        if (kind != "page") return new MetaNotificationOutcome.Ignored($"object {FieldText.SingleCut(kind, 40) ?? "missing"}");
        if (JsonValues.Array(root, "entry") is not { } entries) return new MetaNotificationOutcome.Invalid(new FieldError("entry", "Required: an array."));
        if (entries.GetArrayLength() > PayloadLimits.MetaEntries)
        {
            return new MetaNotificationOutcome.Invalid(new FieldError("entry", $"At most {PayloadLimits.MetaEntries} entries per delivery."));
        }

        var refs = new List<MetaLeadgenRef>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        int ignored = 0, e = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            int c = 0;
            var entryPath = string.Create(CultureInfo.InvariantCulture, $"entry[{e++}]");
            if (JsonValues.Array(entry, "changes") is not { } changes) continue;
            foreach (var change in changes.EnumerateArray())
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"{entryPath}.changes[{c++}]");
                if (JsonValues.Text(change, "field") != "leadgen" || JsonValues.Object(change, "value") is not { } value)
                {
                    ignored++;
                    continue;
                }
                var id = TextSanitizer.SingleLine(JsonValues.Text(value, "leadgen_id"));
                if (id is null || id.Length > 64 || !id.All(char.IsAsciiDigit))
                {
                    errors.Add(new FieldError(path + ".value.leadgen_id", "Required: a numeric lead id."));
                    continue;
                }
                if (refs.Count >= PayloadLimits.MetaLeads)
                {
                    return new MetaNotificationOutcome.Invalid(new FieldError("entry", $"At most {PayloadLimits.MetaLeads} leads per delivery."));
                }
                // The same lead twice in one batch is one lead.
                if (!seen.Add(id)) continue;
                refs.Add(new MetaLeadgenRef(
                    id,
                    Id(value, "page_id") ?? Id(entry, "id"),
                    Id(value, "form_id"),
                    Id(value, "ad_id"),
                    Id(value, "adgroup_id"),
                    JsonValues.Time(value, "created_time")));
            }
        }
        if (errors.Count > 0) return new MetaNotificationOutcome.Invalid(errors);
        return refs.Count == 0 ? new MetaNotificationOutcome.Ignored("no leadgen change") : new MetaNotificationOutcome.Leads(refs, ignored);
    }

    private static string? Id(JsonElement obj, string name) => FieldText.SingleCut(JsonValues.Text(obj, name), 64);
}
