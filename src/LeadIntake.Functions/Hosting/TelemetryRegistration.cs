using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// OpenTelemetry for both modes: the app's own traces and metrics (<see cref="LeadIntakeTelemetry"/>), ASP.NET Core
/// and HttpClient instrumentation, and exporters chosen by the standard settings: OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the exporter reads the OTEL_* variables itself), Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the Bicep sets it on the function app). With neither, the
/// providers still run (so tests and debuggers can attach an exporter) but nothing leaves the process.
/// </summary>
internal static class TelemetryRegistration
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AppInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ServiceName = "leadintake";

    public static IServiceCollection AddLeadIntakeTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        bool otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var appInsights = configuration[AppInsightsSetting];
        bool azureMonitor = !string.IsNullOrWhiteSpace(appInsights);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(LeadIntakeTelemetry.Name)
                    // The host's readiness probe (GET / every 25 ms while starting) is noise, not a request.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/")
                    .AddHttpClientInstrumentation();
                if (otlp) tracing.AddOtlpExporter();
                if (azureMonitor) tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(LeadIntakeTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp) metrics.AddOtlpExporter();
                if (azureMonitor) metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights);
            });

        // Logs are the [LoggerMessage] ones (ids, enums, counts: no personal data); they are exported only when an
        // exporter is configured, and stay on the console either way.
        if (otlp || azureMonitor)
        {
            telemetry.WithLogging(logging =>
            {
                if (otlp) logging.AddOtlpExporter();
                if (azureMonitor) logging.AddAzureMonitorLogExporter(o => o.ConnectionString = appInsights);
            }, options => options.IncludeFormattedMessage = true);
        }
        return services;
    }
}
