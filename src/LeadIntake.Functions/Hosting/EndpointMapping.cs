namespace LeadIntake.Functions.Hosting;

/// <summary>Maps every HTTP function of the catalog from its declaration: <c>/api/{route}</c>, its methods, its auth level.</summary>
public static class EndpointMapping
{
    public const string RoutePrefix = "api";

    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder endpoints, bool enforceKeys)
    {
        foreach (var function in FunctionCatalog.Http)
        {
            var trigger = (HttpTrigger)function.Declaration.Trigger;
            // The declared route, and the one the Functions host serves it under when they differ (admin/ → ops/).
            var routes = new[] { trigger.Route, FunctionMetadataWriter.FunctionsRoute(trigger.Route) }.Distinct(StringComparer.Ordinal);
            foreach (var (route, index) in routes.Select((r, i) => (r, i)))
            {
                var builder = endpoints
                    .MapMethods($"/{RoutePrefix}/{route}", trigger.Methods.Select(m => m.ToUpperInvariant()), function.Handler)
                    .WithName(index == 0 ? function.Declaration.Name : $"{function.Declaration.Name}.{route}")
                    .WithMetadata(function.Declaration);
                if (enforceKeys && trigger.AuthLevel != AuthLevel.Anonymous)
                {
                    builder.AddEndpointFilter((context, next) =>
                        new FunctionKeyFilter(trigger.AuthLevel, context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>())
                            .InvokeAsync(context, next));
                }
            }
        }
        return endpoints;
    }
}
