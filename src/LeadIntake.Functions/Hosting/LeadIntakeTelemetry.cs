using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The app's traces and metrics (System.Diagnostics, exported by OpenTelemetry when configured). Tags carry
/// channels, providers, outcomes and lead ids — never personal data.
/// </summary>
internal static class LeadIntakeTelemetry
{
    public const string Name = "LeadIntake";

    public const string LeadIdTag = "leadintake.lead_id";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Captured = Meter.CreateCounter<long>("leadintake.leads.captured", description: "Leads captured, by channel and provider");
    private static readonly Counter<long> Screened = Meter.CreateCounter<long>("leadintake.leads.screened", description: "Screening outcomes, by intent");
    private static readonly Counter<long> PoisonCount = Meter.CreateCounter<long>("leadintake.queue.poisoned", description: "Messages moved to a poison queue");
    private static readonly Counter<long> RetryCount = Meter.CreateCounter<long>("leadintake.queue.retries", description: "Failed deliveries released for another attempt");
    private static readonly Counter<long> FailedInvocations = Meter.CreateCounter<long>("leadintake.invocations.failed", description: "Host invocations answered with a failure (Functions mode; the host retries or poisons)");
    private static readonly Histogram<double> DispatchLatency = Meter.CreateHistogram<double>("leadintake.dispatch.latency", unit: "s", description: "Capture to rep mail sent");

    public static void LeadCaptured(string channel, string provider) =>
        Captured.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("provider", provider));

    public static void LeadScreened(string intent) => Screened.Add(1, new KeyValuePair<string, object?>("intent", intent));

    public static void Poisoned(string queue) => PoisonCount.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public static void Retried(string queue) => RetryCount.Add(1, new KeyValuePair<string, object?>("queue", queue));

    public static void InvocationFailed(string function) => FailedInvocations.Add(1, new KeyValuePair<string, object?>("faas.name", function));

    /// <summary>Tags the current activity (for HTTP intake: the ASP.NET Core request) with the lead id.</summary>
    public static void TagLead(string leadId) => Activity.Current?.SetTag(LeadIdTag, leadId);

    public static void RepNotified(TimeSpan sinceCapture) => DispatchLatency.Record(sinceCapture.TotalSeconds);

    public static Activity? StartInvocation(string function, string? leadId)
    {
        var activity = Source.StartActivity(function, ActivityKind.Consumer);
        activity?.SetTag("faas.name", function);
        if (leadId is not null) activity?.SetTag(LeadIdTag, leadId);
        return activity;
    }
}
