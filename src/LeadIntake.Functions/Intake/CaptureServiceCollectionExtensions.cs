using System.Globalization;
using System.Threading.RateLimiting;
using LeadIntake.Core.Leads;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Intake.Calls;
using LeadIntake.Functions.Intake.Email;
using LeadIntake.Functions.Intake.Forms;
using LeadIntake.Functions.Intake.Social;
using LeadIntake.Functions.Storage;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;

namespace LeadIntake.Functions.Intake;

/// <summary>Everything the capture stage adds to the app: options, handlers, ports, HTTP clients, the form's CORS and rate limit.</summary>
internal static class CaptureServiceCollectionExtensions
{
    public const string FormPath = "/api/intake/form";
    private const string FormCorsPolicy = "forms";

    public static IServiceCollection AddCapture(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions<TwilioOptions>(services, configuration, TwilioOptions.SectionName);
        AddOptions<MailgunOptions>(services, configuration, MailgunOptions.SectionName);
        AddOptions<PostmarkOptions>(services, configuration, PostmarkOptions.SectionName)
            .Validate(o => string.IsNullOrEmpty(o.Username) || !string.IsNullOrEmpty(o.Password), "Postmark:Password is required when Postmark:Username is set.");
        AddOptions<AircallOptions>(services, configuration, AircallOptions.SectionName);
        AddOptions<MetaOptions>(services, configuration, MetaOptions.SectionName);
        AddOptions<TurnstileOptions>(services, configuration, TurnstileOptions.SectionName);

        services.AddSingleton<IRawPayloadStore, TableRawPayloadStore>();
        services.AddSingleton<IDeliveryLedger, TableDeliveryLedger>();
        services.AddScoped<WebhookLeadCapture>();
        services.AddScoped<CallLeadCapture>();
        services.AddScoped<FormIntakeHandler>();
        services.AddScoped<EmailIntakeHandler>();
        services.AddScoped<CallIntakeHandler>();
        services.AddScoped<SocialIntakeHandler>();
        // Timeouts are per call (options); the client's own timeout is only a backstop.
        services.AddHttpClient<MetaGraphClient>(http => http.Timeout = TimeSpan.FromMinutes(1));
        services.AddHttpClient<CaptchaVerifier>(http => http.Timeout = TimeSpan.FromSeconds(30));

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<FormsOptions>>((cors, forms) =>
            cors.AddPolicy(FormCorsPolicy, policy => policy
                .WithOrigins([.. FormsOptions.Origins(forms.Value.AllowedOrigins)])
                .WithMethods("POST")
                .WithHeaders("Content-Type", "Idempotency-Key")
                // A page's script must read Retry-After to retry a 503 (docs/reliability.md); CORS hides it otherwise.
                .WithExposedHeaders("Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(FormPartition);
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>The form endpoint's CORS (browsers' preflight answered here) and rate limit; other routes are untouched.</summary>
    public static IApplicationBuilder UseCapture(this IApplicationBuilder app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(FormPath, StringComparison.OrdinalIgnoreCase), form => form.UseCors(FormCorsPolicy));
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// One fixed one-minute window per client, for form posts only. The client is <see cref="ClientAddress"/>: what the
    /// forwarded-headers middleware left (the right-most address no trusted proxy wrote), never what the sender wrote
    /// in <c>X-Forwarded-For</c> itself, so a bot that forges a new header on every post is still one client.
    /// </summary>
    private static RateLimitPartition<string> FormPartition(HttpContext context)
    {
        var limit = context.RequestServices.GetRequiredService<IOptionsMonitor<FormsOptions>>().CurrentValue.RateLimitPerMinute;
        if (limit <= 0 || !HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments(FormPath, StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }
        var client = ClientAddress.KeyOf(context) ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{client}|{limit}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.Field(StatusCodes.Status429TooManyRequests, "Too many requests.", "client",
            $"At most {rejected.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<FormsOptions>>().CurrentValue.RateLimitPerMinute} form posts per minute are accepted; retry after {seconds} s.")
            .ExecuteAsync(rejected.HttpContext);
    }

    private static OptionsBuilder<T> AddOptions<T>(IServiceCollection services, IConfiguration configuration, string section) where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
}
