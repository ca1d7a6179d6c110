using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Social;

/// <summary>
/// The Graph API answer for one lead (<c>GET /{leadgen_id}</c>): <c>{id, created_time, ad_id, form_id, field_data:
/// [{name, values:[…]}], campaign_name?, platform?}</c> (https://developers.facebook.com/docs/marketing-api/guides/lead-ads/retrieving;
/// keys beyond <c>field_data</c> are [UNVERIFIED], so all are optional). ProviderEventId is the leadgen id.
/// </summary>
public static class MetaLeadParser
{
    public const string Provider = "meta";

    /// <param name="lead">The Graph API JSON object.</param>
    /// <param name="notification">The notification that announced it, for its page/form/ad ids; null if unknown.</param>
    /// <param name="defaultRegion">Region for national phone numbers when the form has no country.</param>
    public static ParseOutcome<CapturedLead> Parse(JsonElement lead, MetaLeadgenRef? notification, string? defaultRegion)
    {
        if (lead.ValueKind != JsonValueKind.Object) return new ParseOutcome<CapturedLead>.Invalid(new FieldError("body", "Must be a JSON object."));
        var id = TextSanitizer.SingleLine(JsonValues.Text(lead, "id")) ?? notification?.LeadgenId;
        if (id is null || id.Length > 64) return new ParseOutcome<CapturedLead>.Invalid(new FieldError("id", "Required: the lead id."));
        if (JsonValues.Array(lead, "field_data") is not { } fields) return new ParseOutcome<CapturedLead>.Invalid(new FieldError("field_data", "Required: an array."));
        if (fields.GetArrayLength() > PayloadLimits.SocialAnswers)
        {
            return new ParseOutcome<CapturedLead>.Invalid(new FieldError("field_data", $"At most {PayloadLimits.SocialAnswers} answers."));
        }

        var builder = new SocialContactBuilder("field_data.");
        foreach (var field in fields.EnumerateArray())
        {
            var name = TextSanitizer.SingleLine(JsonValues.Text(field, "name"));
            if (name is null) continue;
            if (name.Length > FieldLimits.ExtraFieldName)
            {
                builder.Errors.Add(new FieldError("field_data.name", $"Question keys are limited to {FieldLimits.ExtraFieldName} characters."));
                continue;
            }
            builder.Answer(name, Values(field, builder.Errors));
        }

        var platform = TextSanitizer.SingleLine(JsonValues.Text(lead, "platform"))?.ToLowerInvariant();
        builder.AddExtra("meta.formId", JsonValues.Text(lead, "form_id") ?? notification?.FormId);
        builder.AddExtra("meta.adId", JsonValues.Text(lead, "ad_id") ?? notification?.AdId);
        builder.AddExtra("meta.pageId", notification?.PageId);
        builder.AddExtra("meta.createdTime", (JsonValues.Time(lead, "created_time") ?? notification?.CreatedTime)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var contact = builder.Contact(defaultRegion);
        if (builder.Errors.Count > 0) return new ParseOutcome<CapturedLead>.Invalid(builder.Errors);

        return new ParseOutcome<CapturedLead>.Parsed(new CapturedLead
        {
            Channel = Channel.Social,
            Provider = Provider,
            ProviderEventId = id,
            Contact = contact,
            Subject = FieldText.SingleCut(JsonValues.Text(lead, "form_name"), FieldLimits.Subject),
            Message = builder.Message(),
            Source = new SourceAttribution
            {
                // platform is "fb" or "ig" on the lead object. [UNVERIFIED key]
                UtmSource = platform switch { "ig" or "instagram" => "instagram", _ => "facebook" },
                UtmMedium = "paid_social",
                UtmCampaign = FieldText.SingleCut(JsonValues.Text(lead, "campaign_name"), FieldLimits.Utm),
                UtmContent = FieldText.SingleCut(JsonValues.Text(lead, "ad_name"), FieldLimits.Utm),
            },
            ExtraFields = builder.Extra,
        });
    }

    // values: ["a"] or ["a","b"] for multiple choice; joined for storage.
    private static string? Values(JsonElement field, List<FieldError> errors)
    {
        if (JsonValues.Array(field, "values") is not { } values) return JsonValues.Text(field, "value");
        if (values.GetArrayLength() > PayloadLimits.SocialAnswerValues)
        {
            errors.Add(new FieldError("field_data.values", $"At most {PayloadLimits.SocialAnswerValues} values per answer."));
            return null;
        }
        var texts = values.EnumerateArray().Select(JsonValues.AsText).Where(v => !string.IsNullOrWhiteSpace(v)).ToList();
        return texts.Count == 0 ? null : string.Join(", ", texts);
    }
}
