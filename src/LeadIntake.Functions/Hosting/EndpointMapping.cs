namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Standalone mode's HTTP functions: each <c>[Function]</c> with an HTTP trigger is served at <c>/api/{route}</c> for
/// its methods, behind its key level, by calling the same method the worker calls under the Functions host.
/// </summary>
internal static class EndpointMapping
{
    public const string RoutePrefix = "api";

    /// <summary>
    /// The Functions host refuses routes under <c>admin/</c> (its own API lives there), so those functions are
    /// declared under <c>ops/</c>. Standalone serves them under <c>admin/</c> too, the path that earlier releases used.
    /// </summary>
    public static IEnumerable<string> StandaloneRoutes(string route) =>
        route.StartsWith("ops/", StringComparison.OrdinalIgnoreCase) ? [route, "admin/" + route["ops/".Length..]] : [route];

    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints)
    {
        foreach (var function in FunctionCatalog.Http)
        {
            var trigger = (HttpFunctionTrigger)function.Declaration.Trigger;
            foreach (var (route, index) in StandaloneRoutes(trigger.Route).Select((r, i) => (r, i)))
            {
                var builder = endpoints
                    .MapMethods($"/{RoutePrefix}/{route}", trigger.Methods.Select(m => m.ToUpperInvariant()), (Delegate)((HttpContext context) => InvokeAsync(function, context)))
                    .WithName(index == 0 ? function.Declaration.Name : $"{function.Declaration.Name}.{route}")
                    .WithMetadata(function.Declaration);
                if (trigger.AuthLevel != AuthLevel.Anonymous)
                {
                    builder.AddEndpointFilter((context, next) =>
                        new FunctionKeyFilter(trigger.AuthLevel, context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>())
                            .InvokeAsync(context, next));
                }
            }
        }
        return endpoints;
    }

    private static async Task<IResult> InvokeAsync(FunctionEntry function, HttpContext context)
    {
        // The host gives a function its query and route values as binding data; route values win.
        var bindingData = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in context.Request.Query) bindingData[key] = value.ToString();
        foreach (var (key, value) in context.Request.RouteValues) bindingData[key] = value;
        var result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, context.Request, bindingData, context.RequestAborted).ConfigureAwait(false);
        return result switch
        {
            IResult answer => answer,
            null => Results.Empty,
            _ => throw new InvalidOperationException($"{function.Declaration.Name}: an HTTP function returns an IResult."),
        };
    }
}
