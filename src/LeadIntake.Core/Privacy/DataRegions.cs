namespace LeadIntake.Core.Privacy;

/// <summary>
/// Which region names are inside the EU/EEA: the Azure regions located there, the words <c>EU</c>/<c>EEA</c>, and
/// the ISO country codes of the member states and EEA countries. Used by the residency check and the record's transfers.
/// </summary>
public static class DataRegions
{
    public const string Eu = "EU";

    /// <summary>Azure regions in EU/EEA countries (the Bicep's allowed list when residency is EU).</summary>
    public static IReadOnlyList<string> AzureEuRegions { get; } =
    [
        "austriaeast", "belgiumcentral", "francecentral", "francesouth", "germanynorth", "germanywestcentral", "italynorth",
        "northeurope", "norwayeast", "norwaywest", "polandcentral", "spaincentral", "swedencentral", "swedensouth", "westeurope",
    ];

    private static readonly HashSet<string> EuWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "eu", "eea", "europe", "european union",
        // EU member states and the EEA (Iceland, Liechtenstein, Norway).
        "at", "be", "bg", "hr", "cy", "cz", "dk", "ee", "fi", "fr", "de", "gr", "hu", "ie", "it", "lv", "lt", "lu", "mt",
        "nl", "pl", "pt", "ro", "sk", "si", "es", "se", "is", "li", "no",
    };

    /// <summary>True when <paramref name="region"/> is inside the EU/EEA; false when outside; null when not stated.</summary>
    public static bool? IsInsideEu(string? region)
    {
        if (string.IsNullOrWhiteSpace(region)) return null;
        var value = region.Trim();
        return EuWords.Contains(value) || AzureEuRegions.Contains(value.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());
    }
}
