namespace LeadIntake.Core.Screening;

/// <summary>
/// A practical email syntax check (RFC 5321 sizes, dot-atom local part, a domain of letter-digit-hyphen labels with an
/// alphabetic top-level label). Quoted local parts and IP literals are legal but never seen from real leads: refused.
/// </summary>
public static class EmailSyntax
{
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > 254) return false;
        int at = email.LastIndexOf('@');
        if (at < 1 || at > 64 || at == email.Length - 1) return false;
        var local = email.AsSpan(0, at);
        var domain = email.AsSpan(at + 1);
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)) return false;
        foreach (char c in local)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".Contains(c) || c > 0x7F)) return false;
        }
        int labels = 0;
        ReadOnlySpan<char> last = default;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            foreach (char c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c > 0x7F)) return false;
            }
            labels++;
            last = label;
        }
        if (labels < 2 || last.Length < 2) return false;
        foreach (char c in last)
        {
            if (char.IsAsciiDigit(c)) return false;
        }
        return true;
    }
}
