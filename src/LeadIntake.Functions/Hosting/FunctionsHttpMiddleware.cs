using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Functions mode's HTTP pipeline: runs <see cref="HttpPipeline.UseLeadIntakeHttpPipeline"/> (the same ASP.NET Core
/// middleware as standalone: client address, nosniff, problem+json, sign-in, intake deadline, form CORS and rate limit)
/// around each HTTP invocation, on the <see cref="HttpContext"/> the worker received from the host.
/// <para>
/// Why here and not an <c>IStartupFilter</c>, which the worker's web host does honour: a filter's middleware runs in the
/// worker's Kestrel pipeline before that request is paired with its gRPC invocation. A middleware that answers by
/// itself there (a 429) leaves the invocation waiting for a request that never comes, until the integration gives up
/// after 15 s and fails it. Here the middleware runs inside the invocation: an early answer simply ends it, and the
/// services are the invocation's own scope, as the function's are.
/// </para>
/// <para>
/// The function's <see cref="CancellationToken"/> is the invocation's: intake functions read
/// <see cref="HttpContext.RequestAborted"/> instead, which is linked here to the invocation's token and carries the
/// intake deadline, as it does standalone. Queue and timer invocations pass through untouched: their exceptions must
/// reach the host, which retries and poisons.
/// </para>
/// </summary>
internal sealed class FunctionsHttpMiddleware(IServiceProvider services) : IFunctionsWorkerMiddleware
{
    private readonly Lazy<RequestDelegate> _pipeline = new(() => Build(services));

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var requestAborted = http.RequestAborted;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, context.CancellationToken);
        http.RequestAborted = cancellation.Token;
        http.Features.Set(new Invocation(context, next));
        try
        {
            await _pipeline.Value(http).ConfigureAwait(false);
        }
        finally
        {
            http.Features.Set<Invocation>(null);
            http.RequestAborted = requestAborted;
        }
    }

    private static RequestDelegate Build(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseLeadIntakeHttpPipeline();
        // The end of the branch is the function itself; its IResult is written afterwards by the worker's integration.
        app.Run(static http =>
        {
            var invocation = http.Features.GetRequiredFeature<Invocation>();
            return invocation.Next(invocation.Context);
        });
        return app.Build();
    }

    /// <summary>The invocation a request belongs to, handed through the branch to its end.</summary>
    private sealed record Invocation(FunctionContext Context, FunctionExecutionDelegate Next);
}
