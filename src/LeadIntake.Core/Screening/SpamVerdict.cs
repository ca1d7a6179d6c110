namespace LeadIntake.Core.Screening;

/// <summary>
/// The rules' part of the spam verdict: the points summed over signals and whether they reached the rules' threshold
/// alone; <see cref="Hard"/> when a rule decides on its own (honeypot, a submit faster than a human, failed CAPTCHA,
/// block-list); <see cref="Allowed"/> when the allow-list says never spam.
/// </summary>
internal sealed record SpamVerdict(double Score, bool IsSpam, double Confidence)
{
    public bool Hard { get; init; }
    public bool Allowed { get; init; }
}
