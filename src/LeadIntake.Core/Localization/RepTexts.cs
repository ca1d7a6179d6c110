using System.Globalization;
using System.Resources;

namespace LeadIntake.Core.Localization;

/// <summary>
/// Every word a rep or sales manager reads (mails, reminders, notices, rep pages, error pages) in one language, read
/// from <c>RepTexts.resx</c> (English, the neutral language) and <c>RepTexts.fr.resx</c> (French, shipped as the
/// <c>fr/LeadIntake.Core.resources.dll</c> satellite assembly). A plain <see cref="ResourceManager"/> with an explicit
/// culture serves both Core (no ASP.NET here) and the function app, and never reads the thread's culture.
/// </summary>
public sealed class RepTexts
{
    internal const string BaseName = "LeadIntake.Core.Localization.RepTexts";

    internal static ResourceManager Resources { get; } = new(BaseName, typeof(RepTexts).Assembly);

    /// <summary>The languages with a resource file; a rep with any other language reads English.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    public static RepTexts English { get; } = new("en");
    public static RepTexts French { get; } = new("fr");

    private RepTexts(string code)
    {
        Code = code;
        Culture = CultureInfo.GetCultureInfo(code);
    }

    /// <summary>Two-letter language code: <c>en</c> or <c>fr</c>.</summary>
    public string Code { get; }

    /// <summary>The culture used for the words and for dates and numbers.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The texts for a language code (<c>fr</c>, <c>fr-BE</c>, <c>EN</c>…); unknown or missing → English.</summary>
    public static RepTexts For(string? languageCode)
    {
        if (string.IsNullOrWhiteSpace(languageCode)) return English;
        var primary = languageCode.Split('-', '_')[0].Trim();
        return string.Equals(primary, "fr", StringComparison.OrdinalIgnoreCase) ? French : English;
    }

    /// <summary>The text of a key; a key missing from the resource files is a bug, so it throws.</summary>
    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new KeyNotFoundException($"RepTexts has no key '{key}'.");

    /// <summary>The text of a key, or null when the resource files have none (open sets such as audit event types).</summary>
    public string? Find(string key) => Resources.GetString(key, Culture);

    /// <summary>The label of a closed set's value: key <c>{Prefix}_{Value}</c>, e.g. <c>Status_Won</c>.</summary>
    public string Of<T>(T value) where T : struct, Enum => this[typeof(T).Name + "_" + value];

    /// <summary>The text of a key with its placeholders filled, numbers and dates in this language.</summary>
    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);
}
