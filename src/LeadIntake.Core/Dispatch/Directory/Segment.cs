namespace LeadIntake.Core.Dispatch.Directory;

/// <summary>
/// Market segments a rule or a rep can target. A lead has a domain type (corporate or free-mail, from its email)
/// and, when the form asked for a headcount, a size band.
/// </summary>
public enum Segment
{
    Corporate,
    FreeMail,
    /// <summary>Fewer than 50 employees.</summary>
    Small,
    /// <summary>50 to 999 employees.</summary>
    Mid,
    /// <summary>1,000 employees or more.</summary>
    Enterprise,
}
