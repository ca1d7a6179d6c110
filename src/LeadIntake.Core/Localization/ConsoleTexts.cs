using System.Globalization;
using System.Resources;

namespace LeadIntake.Core.Localization;

/// <summary>
/// The cockpit's own words (navigation, sign-in, Today, lead list, quarantine, actions) in English
/// (<c>ConsoleTexts.resx</c>) or French (<c>ConsoleTexts.fr.resx</c>). Statuses, channels and audit events keep the
/// words the rep pages use (<see cref="RepTexts"/>), so one lead reads the same everywhere.
/// </summary>
public sealed class ConsoleTexts
{
    internal const string BaseName = "LeadIntake.Core.Localization.ConsoleTexts";

    internal static ResourceManager Resources { get; } = new(BaseName, typeof(ConsoleTexts).Assembly);

    public static ConsoleTexts English { get; } = new(RepTexts.English);
    public static ConsoleTexts French { get; } = new(RepTexts.French);

    private ConsoleTexts(RepTexts rep) => Rep = rep;

    /// <summary>The rep pages' words in the same language: statuses, channels, event names.</summary>
    public RepTexts Rep { get; }

    public string Code => Rep.Code;

    public CultureInfo Culture => Rep.Culture;

    /// <summary>The other language, for the switch in the page header.</summary>
    public ConsoleTexts Other => Code == "fr" ? English : French;

    /// <summary><c>fr</c>, <c>fr-CA</c>… → French; anything else (or nothing) → English.</summary>
    public static ConsoleTexts For(string? languageCode) => RepTexts.For(languageCode).Code == "fr" ? French : English;

    /// <summary>The text of a key; a key missing from the resource files is a bug, so it throws.</summary>
    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"ConsoleTexts has no key '{key}'.");

    public string? Find(string key) => Resources.GetString(key, Culture);

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);
}
