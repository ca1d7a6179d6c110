using System.Globalization;
using System.Resources;

namespace LeadIntake.Core.Localization;

/// <summary>
/// The words of the KPI page in English (<c>KpiTexts.resx</c>, neutral) and French (<c>KpiTexts.fr.resx</c>, the
/// fr satellite assembly), read with an explicit culture like <see cref="RepTexts"/>.
/// </summary>
public sealed class KpiTexts
{
    private static readonly ResourceManager Resources = new("LeadIntake.Core.Localization.KpiTexts", typeof(KpiTexts).Assembly);

    public static KpiTexts English { get; } = new("en");
    public static KpiTexts French { get; } = new("fr");

    private KpiTexts(string code)
    {
        Code = code;
        Culture = CultureInfo.GetCultureInfo(code);
    }

    public string Code { get; }
    public CultureInfo Culture { get; }

    /// <summary>French for <c>fr</c> and its regional forms, English otherwise.</summary>
    public static KpiTexts For(string? languageCode) =>
        languageCode is not null && languageCode.Split('-', '_')[0].Trim().Equals("fr", StringComparison.OrdinalIgnoreCase) ? French : English;

    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"KpiTexts has no key '{key}'.");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);
}
