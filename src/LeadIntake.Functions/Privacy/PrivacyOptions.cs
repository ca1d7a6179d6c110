using System.ComponentModel.DataAnnotations;
using LeadIntake.Core.Privacy;

namespace LeadIntake.Functions.Privacy;

/// <summary>Privacy settings (<c>Privacy__*</c>): purposes and bases, the notice per channel, residency and processors' regions.</summary>
internal sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>The purposes (<c>Privacy__Purposes__0__Id</c>…); none configured → the three defaults.</summary>
    public List<PurposeOptions> Purposes { get; set; } = [];

    /// <summary>The privacy notice's address, linked from forms and the acknowledgement mail (empty: none).</summary>
    public string? NoticeUrl { get; set; }

    /// <summary>The notice's version, recorded on every lead it was given to.</summary>
    [StringLength(100, ErrorMessage = "Privacy:NoticeVersion must be at most 100 characters.")]
    public string? NoticeVersion { get; set; }

    /// <summary>Email leads get an acknowledgement mail with the notice link (Art. 13).</summary>
    public bool AcknowledgeEmailLeads { get; set; } = true;

    /// <summary>The name of the IVR message callers hear (recorded on call leads as the notice given).</summary>
    [StringLength(200, ErrorMessage = "Privacy:CallNotice must be at most 200 characters.")]
    public string? CallNotice { get; set; }

    /// <summary><c>EU</c> (default): processors stated outside the EU are flagged at start; <c>None</c> turns the check off.</summary>
    [RegularExpression("^(EU|eu|None|none)$", ErrorMessage = "Privacy:DataResidency must be EU or None.")]
    public string DataResidency { get; set; } = DataRegions.Eu;

    /// <summary>Per processor (<c>Privacy__Processors__Twilio__Region</c>): where it processes data, and the transfer safeguard.</summary>
    public Dictionary<string, ProcessorOptions> Processors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public PrivacyPolicy ToPolicy() => new()
    {
        Purposes = EffectivePurposes(),
        NoticeUrl = string.IsNullOrWhiteSpace(NoticeUrl) ? null : NoticeUrl,
        NoticeVersion = string.IsNullOrWhiteSpace(NoticeVersion) ? null : NoticeVersion,
        AcknowledgeEmailLeads = AcknowledgeEmailLeads,
        CallNotice = string.IsNullOrWhiteSpace(CallNotice) ? null : CallNotice,
    };

    public IReadOnlyList<ProcessingPurpose> EffectivePurposes() =>
        Purposes.Count == 0
            ? ProcessingPurpose.Defaults
            : Purposes.Select(p => new ProcessingPurpose(p.Id ?? string.Empty, p.Description ?? p.Id ?? string.Empty, p.Basis, p.OptOut,
                string.IsNullOrWhiteSpace(p.ConsentTextVersion) ? null : p.ConsentTextVersion)).ToList();

    public ProcessorOptions? Processor(string name) => Processors.GetValueOrDefault(name);
}

/// <summary>One configured purpose.</summary>
internal sealed class PurposeOptions
{
    public string? Id { get; set; }
    public string? Description { get; set; }
    public LawfulBasis Basis { get; set; } = LawfulBasis.Consent;
    public bool OptOut { get; set; }
    public string? ConsentTextVersion { get; set; }
}

/// <summary>Where one processor processes the data and the safeguard for a transfer outside the EU.</summary>
internal sealed class ProcessorOptions
{
    public string? Region { get; set; }
    public string? Safeguard { get; set; }
}
