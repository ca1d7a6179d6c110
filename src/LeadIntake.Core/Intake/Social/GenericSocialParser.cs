using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Core.Intake.Social;

/// <summary>
/// LeadIntake's own social lead format, for LinkedIn Lead Sync, TikTok, Zapier/Make relays or any platform whose lead
/// was already fetched (documented in <c>docs/intake-formats.md</c>): a flat object with <c>platform</c>,
/// <c>leadId</c>, contact fields, <c>message</c>, campaign fields and free <c>answers</c>.
/// </summary>
public static class GenericSocialParser
{
    public static ParseOutcome<CapturedLead> Parse(JsonElement root, string? defaultRegion)
    {
        if (root.ValueKind != JsonValueKind.Object) return new ParseOutcome<CapturedLead>.Invalid(new FieldError("body", "Must be a JSON object."));
        var builder = new SocialContactBuilder(string.Empty);
        var errors = builder.Errors;
        var platform = FieldText.Single(JsonValues.Text(root, "platform"), "platform", 40, errors)?.ToLowerInvariant();
        if (platform is null && errors.Count == 0) errors.Add(new FieldError("platform", "Required: linkedin, facebook, instagram, tiktok…"));
        if (platform is not null && !platform.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) errors.Add(new FieldError("platform", "Letters, digits, '-', '_' and '.' only."));
        var leadId = FieldText.Single(JsonValues.Text(root, "leadId"), "leadId", 256, errors);
        if (leadId is null && !errors.Exists(e => e.Field == "leadId")) errors.Add(new FieldError("leadId", "Required: the platform's lead id (used to skip duplicates)."));

        foreach (var key in new[] { "fullName", "firstName", "lastName", "email", "phone", "company", "jobTitle", "country", "message" })
        {
            builder.Known(key == "fullName" ? "name" : key, JsonValues.Text(root, key));
        }
        if (JsonValues.Property(root, "answers") is { } answers)
        {
            if (answers.ValueKind != JsonValueKind.Object) errors.Add(new FieldError("answers", "Must be an object of question → answer."));
            else ReadAnswers(answers, builder);
        }
        builder.AddExtra("social.formId", JsonValues.Text(root, "formId"));
        builder.AddExtra("social.adId", JsonValues.Text(root, "adId"));
        if (JsonValues.Property(root, "createdAt") is not null)
        {
            var created = JsonValues.Time(root, "createdAt");
            if (created is null) errors.Add(new FieldError("createdAt", "Must be an ISO 8601 timestamp or Unix seconds."));
            else builder.AddExtra("social.createdAt", created.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }
        var contact = builder.Contact(defaultRegion);
        var campaign = FieldText.Single(JsonValues.Text(root, "campaign"), "campaign", FieldLimits.Utm, errors);
        var formName = FieldText.Single(JsonValues.Text(root, "formName"), "formName", FieldLimits.Subject, errors);
        if (errors.Count > 0) return new ParseOutcome<CapturedLead>.Invalid(errors);

        return new ParseOutcome<CapturedLead>.Parsed(new CapturedLead
        {
            Channel = Channel.Social,
            Provider = platform!,
            ProviderEventId = leadId,
            Contact = contact,
            Subject = formName,
            Message = builder.Message(),
            Source = new SourceAttribution { UtmSource = platform, UtmMedium = "paid_social", UtmCampaign = campaign },
            ExtraFields = builder.Extra,
        });
    }

    private static void ReadAnswers(JsonElement answers, SocialContactBuilder builder)
    {
        int count = 0;
        foreach (var answer in answers.EnumerateObject())
        {
            if (++count > PayloadLimits.SocialAnswers)
            {
                builder.Errors.Add(new FieldError("answers", $"At most {PayloadLimits.SocialAnswers} answers."));
                return;
            }
            if (answer.Name.Length > FieldLimits.ExtraFieldName)
            {
                builder.Errors.Add(new FieldError("answers", $"Question keys are limited to {FieldLimits.ExtraFieldName} characters."));
                return;
            }
            var value = answer.Value.ValueKind == JsonValueKind.Array
                ? string.Join(", ", answer.Value.EnumerateArray().Take(PayloadLimits.SocialAnswerValues).Select(JsonValues.AsText).Where(v => v is not null))
                : JsonValues.AsText(answer.Value);
            builder.Answer(answer.Name, value);
        }
    }
}
