namespace LeadIntake.Core.Intake.Email;

/// <summary>A raw header block ("Name: value" lines, continuation lines folded in) as name/value pairs, bounded.</summary>
internal static class EmailHeaderBlock
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string? block)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(block)) return headers;
        string? name = null;
        string value = string.Empty;
        foreach (var line in block.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.Length == 0) break; // the end of the header section
            if (line[0] is ' ' or '\t')
            {
                if (name is not null && value.Length < 10_000) value += " " + line.Trim();
                continue;
            }
            if (name is not null && !Add(headers, name, value)) return headers;
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) { name = null; continue; }
            name = line[..colon].Trim();
            value = line[(colon + 1)..].Trim();
        }
        if (name is not null) Add(headers, name, value);
        return headers;
    }

    private static bool Add(List<KeyValuePair<string, string>> headers, string name, string value)
    {
        if (headers.Count >= PayloadLimits.EmailHeaders) return false;
        headers.Add(new(name, value));
        return true;
    }
}
