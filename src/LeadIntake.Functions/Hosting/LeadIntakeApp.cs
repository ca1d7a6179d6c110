using LeadIntake.Core.Leads;
using LeadIntake.Core.Mail;
using LeadIntake.Functions.Console;
using LeadIntake.Functions.Dispatch;
using LeadIntake.Functions.Intake.Forms;
using LeadIntake.Functions.Intake;
using LeadIntake.Functions.Kpis;
using LeadIntake.Functions.Mail;
using LeadIntake.Functions.Privacy;
using LeadIntake.Functions.Screening;
using LeadIntake.Functions.Storage;
using Microsoft.Azure.Functions.Worker.Builder;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Builds the app in either mode (docs/architecture.md, "One app, two modes"). Standalone (default): Kestrel serves
/// <c>/api/…</c> from the <c>[Function]</c> methods, keys are checked here, and the in-process queue runtime and timers
/// run. Functions mode (<see cref="FunctionsHostDetection"/>): the .NET isolated worker, started by the Functions host,
/// which owns triggers and keys. Both register the same services.
/// </summary>
internal static class LeadIntakeApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null, bool developmentDefaults = false)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddFunctionsSources(args, developmentDefaults);
        AddServices(builder.Services, builder.Configuration, functionsMode: false);
        builder.Services.AddHostedService<StandaloneQueueRuntime>();
        builder.Services.AddHostedService<StandaloneTimerRuntime>();

        customize?.Invoke(builder);
        // No credential reaches a log, whatever provider writes it (the ones added by customize too).
        RedactingLoggerFactory.Register(builder.Services);

        var app = builder.Build();
        app.UseLeadIntakeHttpPipeline();
        app.MapFunctions();
        return app;
    }

    /// <summary>
    /// The worker the Functions host starts: ASP.NET Core integration (the host proxies HTTP requests to the worker's
    /// own Kestrel), the same services, and <see cref="FunctionsHttpMiddleware"/> for what the standalone pipeline does
    /// around HTTP functions. Settings come from environment variables (app settings; Core Tools sets local.settings.json
    /// <c>Values</c> as environment variables), as the host gives them.
    /// </summary>
    public static IHost BuildFunctionsWorker(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.UseMiddleware<FunctionsHttpMiddleware>();
        AddServices(builder.Services, builder.Configuration, functionsMode: true);
        RedactingLoggerFactory.Register(builder.Services);
        return builder.Build();
    }

    private static void AddServices(IServiceCollection services, IConfiguration configuration, bool functionsMode)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSingleton<ProblemExceptionHandler>();
        services.AddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        // Standalone's Kestrel, or the worker's own Kestrel that the Functions host forwards each request to.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = HttpPipeline.MaxRequestBodyBytes);

        AddOptions<QueueRuntimeOptions>(services, QueueRuntimeOptions.SectionName)
            .Validate(o => o.MaxPollingInterval >= TimeSpan.FromMilliseconds(100), "extensions.queues.maxPollingInterval must be at least 00:00:00.100.")
            .Validate(o => o.VisibilityTimeout >= TimeSpan.Zero, "extensions.queues.visibilityTimeout must not be negative.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(15) && o.Lease <= TimeSpan.FromMinutes(10), "extensions.queues.Lease must be between 00:00:15 and 00:10:00.");
        AddOptions<AuthOptions>(services, AuthOptions.SectionName)
            .Validate(o => functionsMode || !string.IsNullOrEmpty(o.AdminKey), "Auth:AdminKey is required in standalone mode (set Auth__AdminKey).")
            .Validate(o => functionsMode || !string.IsNullOrEmpty(o.FunctionKey), "Auth:FunctionKey is required in standalone mode (set Auth__FunctionKey).");
        AddOptions<MailOptions>(services, MailOptions.SectionName)
            .Validate(o => o.Smtp.Port is >= 1 and <= 65535, "Mail:Smtp:Port must be between 1 and 65535.");
        AddOptions<DispatchOptions>(services, DispatchOptions.SectionName);
        AddOptions<LinksOptions>(services, LinksOptions.SectionName)
            .Validate(o => o.KeyBytes().Length >= 32, "Links:SigningKey must be base64 of at least 32 bytes (openssl rand -base64 32).")
            .Validate(o => o.PreviousKeyBytes().All(k => k.Length >= 32), "Links:PreviousSigningKeys must be comma-separated base64 keys of at least 32 bytes each.");
        AddOptions<IntakeOptions>(services, IntakeOptions.SectionName);
        AddOptions<FormsOptions>(services, FormsOptions.SectionName);

        services.AddSingleton<ClientOptionsConfigurer>();
        services.AddSingleton(sp => new StorageAccount(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<ClientOptionsConfigurer>()));
        services.AddSingleton<StorageInitializer>();
        services.AddSingleton<QueueWakeSignals>();
        services.AddSingleton<QueueRuntimeStatus>();
        services.AddSingleton<ILeadStore, TableLeadStore>();
        services.AddSingleton<IStrandedLeads, TableStrandedLeads>();
        services.AddSingleton<IIntakeKeys, TableIntakeKeys>();
        services.AddSingleton<IPipelineQueue, StoragePipelineQueue>();
        services.AddSingleton<MimeMessageFactory>();
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.Host)
            ? new PickupDirectoryMailSender(sp.GetRequiredService<IOptions<MailOptions>>())
            : new SmtpMailSender(sp.GetRequiredService<IOptions<MailOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TableMailOutbox>();
        services.AddSingleton<IMailOutbox>(sp => sp.GetRequiredService<TableMailOutbox>());
        services.AddSingleton<LeadIntake.Core.Privacy.IPrivacyLog, TablePrivacyLog>();
        services.AddScoped<LeadIntake.Core.Privacy.ILeadPurge, Privacy.LeadPurge>();
        AddOptions<Privacy.SuppressionOptions>(services, Privacy.SuppressionOptions.SectionName)
            .Validate(o => o.KeyBytes().Length >= 32, "Privacy:SuppressionKey must be base64 of at least 32 bytes (openssl rand -base64 32).");
        services.AddSingleton<TablePrivacyRequests>();
        services.AddSingleton<TableSuppressions>();
        services.AddSingleton<LeadIntake.Core.Privacy.ISuppressionList>(sp => sp.GetRequiredService<TableSuppressions>());
        services.AddScoped<Privacy.ErasureRequests>();

        services.AddScoped<LeadCapture>();
        services.AddSingleton<DeferredEnqueues>();
        services.AddHostedService(sp => sp.GetRequiredService<DeferredEnqueues>());
        services.AddSingleton<PipelineBacklog>();
        services.AddClientForwarding(functionsMode);
        services.AddCapture(configuration);
        services.AddScoped<Stages.NextStepPerformer>();
        services.AddScoped<Stages.StageRunner>();
        services.AddScoped<ScreenLeadHandler>();
        services.AddScreening(configuration);
        services.AddScoped<DispatchLeadHandler>();
        services.AddScoped<Stages.IStageContinuation>(sp => sp.GetRequiredService<DispatchLeadHandler>());
        services.AddScoped(sp => new Stages.StageContinuations(() => sp.GetServices<Stages.IStageContinuation>()));
        // Standalone creates function classes from the scope as the worker does; registered, tests can resolve them too.
        foreach (var entry in FunctionCatalog.Queues.Concat(FunctionCatalog.Timers)) services.AddScoped(entry.FunctionType);

        services.AddLeadIntakeTelemetry(configuration);
        services.AddHostedService<StorageStartup>();
        services.AddDispatchAndQualification(configuration);
        services.AddConsole();
        services.AddKpis();
        services.AddRetention();
        Privacy.PrivacyServiceCollectionExtensions.AddPrivacy(services, configuration);
    }

    private static OptionsBuilder<T> AddOptions<T>(IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
