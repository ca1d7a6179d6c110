using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The app's traces and metrics (System.Diagnostics, exported by OpenTelemetry when configured). Tags carry
/// channels, providers, outcomes and lead ids — never personal data.
/// </summary>
public static class LeadIntakeTelemetry
{
    public const string Name = "LeadIntake";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Captured = Meter.CreateCounter<long>("leadintake.leads.captured", description: "Leads captured, by channel and provider");
    private static readonly Counter<long> Screened = Meter.CreateCounter<long>("leadintake.leads.screened", description: "Screening outcomes, by intent");
    private static readonly Counter<long> PoisonCount = Meter.CreateCounter<long>("leadintake.queue.poisoned", description: "Messages moved to a poison queue");
    private static readonly Histogram<double> DispatchLatency = Meter.CreateHistogram<double>("leadintake.dispatch.latency", unit: "s", description: "Capture to rep mail sent");

    public static void LeadCaptured(string channel, string provider) =>
        Captured.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("provider", provider));

    public static void LeadScreened(string intent) => Screened.Add(1, new KeyValuePair<string, object?>("intent", intent));

    public static void Poisoned(string queue) => PoisonCount.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public static void RepNotified(TimeSpan sinceCapture) => DispatchLatency.Record(sinceCapture.TotalSeconds);

    public static Activity? StartInvocation(string function, string? leadId)
    {
        var activity = Source.StartActivity(function, ActivityKind.Consumer);
        activity?.SetTag("faas.name", function);
        if (leadId is not null) activity?.SetTag("leadintake.lead_id", leadId);
        return activity;
    }
}
