using System.Globalization;
using System.Text;

namespace LeadIntake.Functions.Storage;

/// <summary>
/// Turns any text into a valid PartitionKey or RowKey, and back. The Table service refuses <c>/</c>, <c>\</c>,
/// <c>#</c>, <c>?</c> and the control characters U+0000–U+001F and U+007F–U+009F in keys, and keys longer than 1 KiB
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model). A provider
/// name such as <c>pbx#1</c> is a legitimate label, so it is escaped rather than refused: each of those characters,
/// and <c>%</c> itself, becomes <c>%XX</c> (its code in hex). Text without them is its own key, so keys written before
/// this encoding existed still match. Values with a grammar (an email address, a team id) are validated by their
/// endpoint instead (422 naming the field), and only reach a key when valid.
/// </summary>
internal static class TableKey
{
    /// <summary>1 KiB of UTF-16: the Table service's limit for one key.</summary>
    public const int MaxLength = 512;

    /// <summary>The key for <paramref name="value"/>. Callers bound the value's length (a 40-character provider name
    /// is at most 120 characters encoded): <see cref="MaxLength"/> is far above every caller's bound.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int first = IndexOfEscaped(value);
        if (first < 0) return value;
        var key = new StringBuilder(value.Length + 8).Append(value, 0, first);
        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (MustEscape(c)) key.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else key.Append(c);
        }
        return key.ToString();
    }

    public static string Decode(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal)) return key;
        var value = new StringBuilder(key.Length);
        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] == '%' && i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                value.Append((char)code);
                i += 2;
            }
            else
            {
                value.Append(key[i]);
            }
        }
        return value.ToString();
    }

    /// <summary>True when <paramref name="value"/> can be a key as it is: no forbidden character and not too long.</summary>
    public static bool IsValidAsIs(string value) => value.Length <= MaxLength && IndexOfForbidden(value) < 0;

    /// <summary>A character the Table service refuses in a key.</summary>
    public static bool IsForbidden(char c) => c is '/' or '\\' or '#' or '?' || c <= '\u001F' || c is >= '\u007F' and <= '\u009F';

    private static bool MustEscape(char c) => c == '%' || IsForbidden(c);

    private static int IndexOfEscaped(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (MustEscape(value[i])) return i;
        }
        return -1;
    }

    private static int IndexOfForbidden(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (IsForbidden(value[i])) return i;
        }
        return -1;
    }
}
