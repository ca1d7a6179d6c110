using System.Globalization;

namespace LeadIntake.Benchmarks;

/// <summary>
/// <c>load [--rate 20] [--duration 60] [--instances 1] [--timeout 60] [--warmup 20] [--json FILE] [--trace FILE]</c>:
/// leads per second, seconds of sending, app instances on one storage account, seconds to wait for the last rep mails
/// after the last send, warm-up leads (not measured), an optional JSON file for the figures and an optional CSV trace (one line per lead).
/// </summary>
internal sealed record LoadOptions(double Rate, int DurationSeconds, int Instances, int TimeoutSeconds, int WarmupLeads, string? JsonOut, string? TraceOut)
{
    public int LeadCount => (int)Math.Round(Rate * DurationSeconds);

    public static LoadOptions? Parse(string[] args, TextWriter error)
    {
        var options = new LoadOptions(20, 60, 1, 60, 20, null, null);
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
                    _ => throw new ArgumentException($"unknown option {args[i]}"),
                };
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                error.WriteLine($"load: {e.Message}");
                return null;
            }
        }
        if (options.Rate <= 0 || options.DurationSeconds <= 0 || options.Instances < 1 || options.TimeoutSeconds < 1 || options.WarmupLeads < 0)
        {
            error.WriteLine("load: --rate and --duration must be positive, --instances and --timeout at least 1, --warmup not negative.");
            return null;
        }
        return options;
    }
}
