using System.Diagnostics;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Tests.Infrastructure;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LeadIntake.Functions.Tests;

[Collection(IntegrationCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Intake_screen_and_dispatch_produce_activities_tagged_with_the_lead_id_and_no_personal_data()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        // One activity per queue function: dispatch through its queue (inline after screening, it is part of ScreenLead's).
        await using var app = await TestApp.StartAsync(settings: new() { ["Dispatch:InlineAfterScreening"] = "false" }, services: s =>
        {
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(activities));
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        const string email = "m.keller@telemetry-check.example";

        var id = await app.PostLeadAsync(new { firstName = "Mara", lastName = "Keller", email, phone = "+41 44 668 18 00", company = "Keller Druck", message = "Bonjour, pouvez-vous nous faire une offre pour 300 capteurs ?" });
        await app.WaitForLeadAsync(id, TestApp.IsNotified, TimeSpan.FromSeconds(10));
        app.GetService<TracerProvider>().ForceFlush();
        app.GetService<MeterProvider>().ForceFlush();

        Activity[] seen;
        lock (activities) seen = [.. activities];
        var tagged = seen.Where(a => a.GetTagItem(LeadIntakeTelemetry.LeadIdTag) as string == id).ToList();
        // The HTTP intake request (ASP.NET Core instrumentation) and each queue function's invocation carry the lead id.
        Assert.Contains(tagged, a => a.Kind == ActivityKind.Server && a.DisplayName.Contains("intake/form", StringComparison.Ordinal));
        Assert.Contains(tagged, a => a.OperationName == "ScreenLead" && a.Source.Name == LeadIntakeTelemetry.Name);
        Assert.Contains(tagged, a => a.OperationName == "DispatchLead" && a.Source.Name == LeadIntakeTelemetry.Name);

        foreach (var activity in seen)
        {
            foreach (var (key, value) in activity.TagObjects)
            {
                var text = value?.ToString() ?? "";
                Assert.False(text.Contains(email, StringComparison.OrdinalIgnoreCase) || text.Contains("Keller", StringComparison.Ordinal) || text.Contains("668 18", StringComparison.Ordinal),
                    $"{activity.DisplayName}: tag {key} carries personal data: {text}");
            }
        }

        List<string> names;
        lock (metrics) names = metrics.Select(m => m.Name).ToList();
        Assert.Contains("leadintake.leads.captured", names);
        Assert.Contains("leadintake.leads.screened", names);
        Assert.Contains("leadintake.dispatch.latency", names);
    }
}
