using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Privacy;

/// <summary>
/// The processors this installation uses, read from its configuration: Azure always (storage and compute), the others
/// when their settings are present (the SMTP relay's host, a provider's secret) or when
/// <c>Privacy:Processors:{name}:Region</c> states where they process data (SendGrid inbound parse has no secret to
/// detect it by). Each with the region and safeguard stated in <c>Privacy:Processors:{name}</c>.
/// </summary>
internal sealed class ProcessorCatalog(IConfiguration configuration, IOptionsMonitor<PrivacyOptions> options)
{
    private static readonly (string Name, string Role, string[] Keys)[] Known =
    [
        ("Azure", "Hosting, storage (tables, queues, blobs) and monitoring of all lead data", []),
        ("Smtp", "Mail relay (Azure Communication Services, Microsoft 365 or another SMTP service): mails to reps, mailboxes and acknowledgements", ["Mail:Smtp:Host"]),
        ("Twilio", "Phone calls and voicemails: caller number, recording and transcript", ["Twilio:AuthToken"]),
        ("Aircall", "Phone calls and voicemails: caller number, recording and transcript", ["Aircall:Token"]),
        ("Mailgun", "Inbound email delivery", ["Mailgun:SigningKey"]),
        ("SendGrid", "Inbound email delivery (inbound parse)", []),
        ("Postmark", "Inbound email delivery", ["Postmark:Username"]),
        ("Meta", "Social lead ads (Facebook, Instagram lead forms)", ["Meta:AppSecret", "Meta:AccessToken"]),
        ("Turnstile", "Bot check on web forms (Cloudflare Turnstile or Google reCAPTCHA): the client's token and address", ["Turnstile:Secret"]),
    ];

    public IReadOnlyList<ProcessorSetting> Configured()
    {
        var settings = options.CurrentValue;
        var list = new List<ProcessorSetting>();
        foreach (var (name, role, keys) in Known)
        {
            var stated = settings.Processor(name);
            bool used = name == "Azure" || keys.Any(k => !string.IsNullOrWhiteSpace(configuration[k])) || !string.IsNullOrWhiteSpace(stated?.Region);
            if (used) list.Add(new ProcessorSetting(name, role, Blank(stated?.Region), Blank(stated?.Safeguard)));
        }
        // Processors the operator lists beyond the known ones (a CRM, an analytics tool) are part of the record too.
        foreach (var (name, stated) in settings.Processors)
        {
            if (Known.Any(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase))) continue;
            list.Add(new ProcessorSetting(name, "Processor listed in Privacy:Processors", Blank(stated.Region), Blank(stated.Safeguard)));
        }
        return list;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
