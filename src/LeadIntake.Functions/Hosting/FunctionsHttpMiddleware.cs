using Microsoft.Azure.Functions.Worker.Middleware;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Functions mode's stand-in for the standalone ASP.NET Core pipeline around HTTP functions. Under the worker, ASP.NET
/// Core middleware does not wrap a function: the worker's own middleware chain does. So the two guarantees every answer
/// carries are kept here: <c>X-Content-Type-Options: nosniff</c>, and the exceptions that map to problem+json (storage
/// outage → 503 with Retry-After, concurrent change → 503, unreadable or too-large body → 4xx) through the same
/// <see cref="ProblemExceptionHandler"/>. Queue and timer invocations pass through untouched: their exceptions must reach
/// the host, which retries and poisons.
/// </summary>
internal sealed class FunctionsHttpMiddleware(ProblemExceptionHandler problems) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        LeadIntakeApp.AddNoSniff(http.Response);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            if (!await problems.TryHandleAsync(http, e, http.RequestAborted).ConfigureAwait(false)) throw;
        }
    }
}
