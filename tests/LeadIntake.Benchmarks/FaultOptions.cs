using System.Globalization;

namespace LeadIntake.Benchmarks;

/// <summary>
/// <c>fault [--rate 20] [--duration 90] [--outage 30] [--kill-at 15] [--restart-at 18] [--outage-at 35] [--timeout 180] [--json FILE]</c>:
/// leads per second and seconds of sending; seconds storage stays down; when instance A is killed, started again, and
/// when storage stops (seconds from the first send); seconds to wait for the backlog after the last send.
/// </summary>
internal sealed record FaultOptions(double Rate, int DurationSeconds, int OutageSeconds, int KillAt, int RestartAt, int OutageAt, int TimeoutSeconds, string? JsonOut)
{
    public int LeadCount => (int)Math.Round(Rate * DurationSeconds);

    public static FaultOptions? Parse(string[] args, TextWriter error)
    {
        var options = new FaultOptions(20, 90, 30, 15, 18, 35, 180, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int NextInt() => int.Parse(Next(), CultureInfo.InvariantCulture);
            try
            {
                options = args[i] switch
                {
                    "--rate" => options with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--duration" => options with { DurationSeconds = NextInt() },
                    "--outage" => options with { OutageSeconds = NextInt() },
                    "--kill-at" => options with { KillAt = NextInt() },
                    "--restart-at" => options with { RestartAt = NextInt() },
                    "--outage-at" => options with { OutageAt = NextInt() },
                    "--timeout" => options with { TimeoutSeconds = NextInt() },
                    "--json" => options with { JsonOut = Next() },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                error.WriteLine($"fault: {e.Message}");
                return null;
            }
        }
        if (options.Rate <= 0 || options.DurationSeconds <= 0 || options.OutageSeconds < 0 || options.TimeoutSeconds < 1 ||
            options.KillAt < 0 || options.RestartAt < options.KillAt || options.OutageAt < options.RestartAt)
        {
            error.WriteLine("fault: --rate and --duration must be positive, --outage not negative, and kill-at ≤ restart-at ≤ outage-at.");
            return null;
        }
        return options;
    }
}
