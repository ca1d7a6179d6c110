namespace LeadIntake.Core.Privacy;

/// <summary>A processor the configuration uses (Azure, the SMTP relay, Twilio…), its role, the region it processes in and the transfer safeguard.</summary>
/// <param name="Name">The processor: <c>Azure</c>, <c>Smtp</c>, <c>Twilio</c>…</param>
/// <param name="Role">What it does with lead data, in a phrase.</param>
/// <param name="Region">Where it processes the data (<c>Privacy:Processors:{name}:Region</c>); null when not stated.</param>
/// <param name="Safeguard">For a transfer outside the EU: the safeguard (standard contractual clauses, adequacy decision).</param>
public sealed record ProcessorSetting(string Name, string Role, string? Region, string? Safeguard);
