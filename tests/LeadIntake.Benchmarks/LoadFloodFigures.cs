namespace LeadIntake.Benchmarks;

/// <summary>The bot flood beside the genuine leads: its rate, whether it rotated a forged address, the app's limit, its posts and their answers.</summary>
internal sealed record LoadFloodFigures(
    double Rate,
    bool Rotate,
    int RateLimitPerMinute,
    int Posts,
    int Accepted,
    IReadOnlyDictionary<string, int> Statuses,
    double PostP99Ms);
