using LeadIntake.Functions.Intake;
using Microsoft.AspNetCore.HttpOverrides;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// The ASP.NET Core middleware around every HTTP function, in both modes (docs/functions-host.md, "The HTTP pipeline,
/// in both modes"). Standalone: the app's own Kestrel pipeline, before the endpoints. Functions mode: the same
/// middleware, built once into a branch that <see cref="FunctionsHttpMiddleware"/> runs around each HTTP invocation, on
/// the request the worker received from the host. Nothing here needs endpoint metadata: the rate limit, CORS and the
/// deadline go by path, and sign-in is checked in each handler from <c>HttpContext.User</c>.
/// </summary>
internal static class HttpPipeline
{
    /// <summary>Kestrel's request body limit in both modes (standalone's server and the worker's own Kestrel).</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static IApplicationBuilder UseLeadIntakeHttpPipeline(this IApplicationBuilder app)
    {
        // First: everything after it (rate limit, screening signals, logs) sees the client, not the proxy. The named
        // options, not the default ones: the worker runs its own forwarded-headers pass on the default options before
        // this one, and a second pass with the same trust would read one more hop of a header the client wrote.
        app.UseForwardedHeaders(app.ApplicationServices.GetRequiredService<IOptionsMonitor<ForwardedHeadersOptions>>().Get(ClientForwarding.OptionsName));
        app.Use(NoSniff);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Sets HttpContext.User from the console's sign-in (cookie or App Service Authentication); checked per handler.
        app.UseAuthentication();
        app.UseIntakeDeadline();
        app.UseCapture();
        return app;
    }

    /// <summary>
    /// Every answer says <c>X-Content-Type-Options: nosniff</c>: text echoes (Meta's challenge), TwiML, HTML pages and
    /// problem details must never be sniffed into something a browser runs. Set when the response starts, so an
    /// error page that cleared the headers gets it too.
    /// </summary>
    private static Task NoSniff(HttpContext context, Func<Task> next)
    {
        context.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, context.Response);
        return next();
    }
}
