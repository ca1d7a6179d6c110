namespace LeadIntake.Core.Privacy;

/// <summary>Builds the record of processing from the configuration's facts. Pure.</summary>
public static class ProcessingRecordBuilder
{
    public const string NotStated = "not stated";
    public const string NoSafeguard = "none stated: standard contractual clauses or an adequacy decision are required";

    public static IReadOnlyList<string> DataSubjects { get; } =
    [
        "Prospects and other people who contact the company through a web form, an email, a phone call or a social lead form",
        "Sales representatives and team mailboxes (names and work addresses in the sales directory)",
    ];

    public static IReadOnlyList<string> DataCategories { get; } =
    [
        "Identity: first name, last name, full name, job title, company, country",
        "Contact details: email address, phone number",
        "Request: subject, message, attachments' names and sizes (never their content), call details, voicemail transcript and recording links",
        "Provenance: channel, provider, page, number or mailbox, campaign (UTM parameters), referrer",
        "Consent and purposes: per-purpose answers, consent text version, time and channel, notice version given",
        "Technical: a hash of the client address (never the address), anti-bot signals, provider event ids, raw payloads as delivered",
        "Sales follow-up: assignment, qualification (budget, authority, need, timing), outcome, reasons",
    ];

    public static IReadOnlyList<string> SecurityMeasures { get; } =
    [
        "Encryption at rest: Azure Storage encrypts every table, queue and blob (AES-256, Microsoft-managed keys or your own key)",
        "Encryption in transit: HTTPS only (TLS 1.2 minimum) on the function app and the storage account; SMTP with STARTTLS or TLS",
        "Managed identity from the function app to storage; secrets (link signing key, provider secrets, admin key) in Key Vault references",
        "Rep and mailbox links are HMAC-signed, expire and are used once; the signing key can be rotated without breaking valid links (Links:PreviousSigningKeys)",
        "Webhooks verify the provider's signature when a secret is configured; admin endpoints need the admin key or a console sign-in",
        "Personal data is never written to logs (ids, counts and enums only); every access export, erasure and console view of a lead is written to the privacy proof log",
        "Queue messages carry lead ids, never personal data",
    ];

    public static ProcessingRecord Build(
        PrivacyPolicy policy,
        string dataResidency,
        IReadOnlyList<string> recipients,
        IReadOnlyList<ProcessorSetting> processors,
        IReadOnlyList<RetentionPeriod> retention,
        DateTimeOffset now)
    {
        var purposes = policy.Purposes.Select(p => new RecordPurpose(p.Id, p.Description, p.Basis, LawfulBases.Article(p.Basis), p.OptOut)).ToList();
        var listed = processors.Select(p => new RecordProcessor(p.Name, p.Role, p.Region ?? NotStated, DataRegions.IsInsideEu(p.Region))).ToList();
        var transfers = processors
            .Where(p => DataRegions.IsInsideEu(p.Region) == false)
            .Select(p => new RecordTransfer(p.Name, p.Region!, string.IsNullOrWhiteSpace(p.Safeguard) ? NoSafeguard : p.Safeguard))
            .ToList();
        var periods = retention.Select(r => new RecordRetention(r.Class, r.Period is { } d ? (int)Math.Round(d.TotalDays) : null, r.Source)).ToList();
        return new ProcessingRecord(
            now,
            "Capture, screening, routing and sales follow-up of inbound requests (leads)",
            dataResidency,
            purposes,
            DataSubjects,
            DataCategories,
            recipients,
            listed,
            transfers,
            periods,
            SecurityMeasures,
            ResidencyWarnings(dataResidency, processors));
    }

    /// <summary>
    /// One sentence per configured processor that contradicts the residency: stated outside the EU while residency is
    /// EU. A processor whose region is not stated is named too, since nobody can say where it processes the data.
    /// </summary>
    public static IReadOnlyList<string> ResidencyWarnings(string dataResidency, IReadOnlyList<ProcessorSetting> processors)
    {
        if (!string.Equals(dataResidency, DataRegions.Eu, StringComparison.OrdinalIgnoreCase)) return [];
        var warnings = new List<string>();
        foreach (var p in processors)
        {
            switch (DataRegions.IsInsideEu(p.Region))
            {
                case false:
                    warnings.Add($"{p.Name} processes data in {p.Region}, outside the EU, while Privacy:DataResidency is EU; safeguard: {(string.IsNullOrWhiteSpace(p.Safeguard) ? NoSafeguard : p.Safeguard)}.");
                    break;
                case null:
                    warnings.Add($"{p.Name}'s region is not stated: set Privacy:Processors:{p.Name}:Region.");
                    break;
            }
        }
        return warnings;
    }

    /// <summary>The processors stated outside the EU while residency is EU (the start-up warning names them).</summary>
    public static IReadOnlyList<ProcessorSetting> OutsideEu(string dataResidency, IReadOnlyList<ProcessorSetting> processors) =>
        string.Equals(dataResidency, DataRegions.Eu, StringComparison.OrdinalIgnoreCase)
            ? processors.Where(p => DataRegions.IsInsideEu(p.Region) == false).ToList()
            : [];
}
