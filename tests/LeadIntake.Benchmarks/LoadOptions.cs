using System.Globalization;

namespace LeadIntake.Benchmarks;

/// <summary>
/// <c>load [--rate 20] [--duration 60] [--instances 1] [--timeout 60] [--warmup 300] [--flood-rate N] [--flood-rotate]
/// [--rate-limit N] [--separate-process] [--app-dir DIR] [--json FILE] [--trace FILE] [--app-log FILE]</c>: genuine leads per second,
/// seconds of sending, app instances on one storage account (in-process only), seconds to wait for the last rep mails
/// after the last send, warm-up leads (sent and followed to their rep mail before the measured part starts), bot posts
/// per second beside the genuine leads (one address, or a forged <c>X-Forwarded-For</c> rotated on every post), the
/// app's form rate limit per client and minute, the app as its own published process (and from which folder), an
/// optional JSON file for the figures, an optional CSV trace (one line per genuine lead) and, with a separate process,
/// a file for the app's console output (its warnings, time-stamped).
/// </summary>
internal sealed record LoadOptions(
    double Rate,
    int DurationSeconds,
    int Instances,
    int TimeoutSeconds,
    int WarmupLeads,
    string? JsonOut,
    string? TraceOut,
    double FloodRate = 0,
    bool FloodRotate = false,
    int? RateLimitPerMinute = null,
    bool SeparateProcess = false,
    string? AppDirectory = null,
    string? AppLog = null)
{
    public int LeadCount => (int)Math.Round(Rate * DurationSeconds);

    public int FloodCount => (int)Math.Round(FloodRate * DurationSeconds);

    /// <summary>The app's <c>Forms:RateLimitPerMinute</c>: off unless asked, 10 (the app's default) under a flood.</summary>
    public int EffectiveRateLimit => RateLimitPerMinute ?? (FloodRate > 0 ? 10 : 0);

    public static LoadOptions? Parse(string[] args, TextWriter error)
    {
        var options = new LoadOptions(20, 60, 1, 60, 300, null, null);
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                options = args[i] switch
                {
                    "--rate" => options with { Rate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--duration" => options with { DurationSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--instances" => options with { Instances = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--timeout" => options with { TimeoutSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--warmup" => options with { WarmupLeads = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--json" => options with { JsonOut = Next() },
                    "--trace" => options with { TraceOut = Next() },
                    "--app-log" => options with { AppLog = Next() },
                    "--flood-rate" => options with { FloodRate = double.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--flood-rotate" => options with { FloodRotate = true },
                    "--rate-limit" => options with { RateLimitPerMinute = int.Parse(Next(), CultureInfo.InvariantCulture) },
                    "--separate-process" => options with { SeparateProcess = true },
                    "--app-dir" => options with { AppDirectory = Next(), SeparateProcess = true },
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                error.WriteLine($"load: {e.Message}");
                return null;
            }
        }
        if (options.Rate <= 0 || options.DurationSeconds <= 0 || options.Instances < 1 || options.TimeoutSeconds < 1 || options.WarmupLeads < 0
            || options.FloodRate < 0 || options.RateLimitPerMinute < 0)
        {
            error.WriteLine("load: --rate and --duration must be positive, --instances and --timeout at least 1, --warmup, --flood-rate and --rate-limit not negative.");
            return null;
        }
        if (options.SeparateProcess && options.Instances != 1)
        {
            error.WriteLine("load: --separate-process runs one app process (--instances 1).");
            return null;
        }
        return options;
    }
}
