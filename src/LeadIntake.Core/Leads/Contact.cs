using System.Text.Json.Serialization;

namespace LeadIntake.Core.Leads;

/// <summary>Who the lead is. Every field is as the sender gave it until screening normalises it.</summary>
public sealed record Contact
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    /// <summary>A full name when the channel gives one field only (email display name, caller id).</summary>
    public string? FullName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Company { get; init; }
    public string? JobTitle { get; init; }
    /// <summary>ISO 3166-1 alpha-2 when known.</summary>
    public string? Country { get; init; }

    [JsonIgnore]
    public string? DisplayName =>
        FullName ?? (FirstName, LastName) switch
        {
            (null, null) => null,
            (var f, null) => f,
            (null, var l) => l,
            var (f, l) => $"{f} {l}",
        };
}
