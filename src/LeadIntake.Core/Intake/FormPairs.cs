namespace LeadIntake.Core.Intake;

/// <summary>
/// The pairs of an urlencoded or multipart webhook post, looked up by name. Provider field names are matched
/// ignoring case; the first non-empty value of a repeated name wins.
/// </summary>
internal sealed class FormPairs
{
    private readonly Dictionary<string, string> _first = new(StringComparer.OrdinalIgnoreCase);

    private FormPairs() { }

    public static FormPairs? Read(IReadOnlyList<KeyValuePair<string, string?>> pairs, List<FieldError> errors)
    {
        if (pairs.Count > PayloadLimits.FormPairs)
        {
            errors.Add(new FieldError("form", $"At most {PayloadLimits.FormPairs} fields are accepted."));
            return null;
        }
        var bag = new FormPairs();
        foreach (var (name, value) in pairs)
        {
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(value)) continue;
            bag._first.TryAdd(name, value);
        }
        return bag;
    }

    public string? this[string name] => _first.GetValueOrDefault(name);

    public IEnumerable<KeyValuePair<string, string>> All => _first;
}
