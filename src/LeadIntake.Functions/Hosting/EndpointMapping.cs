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
            var builder = endpoints
                .MapMethods($"/{RoutePrefix}/{trigger.Route}", trigger.Methods.Select(m => m.ToUpperInvariant()), function.Handler)
                .WithName(function.Declaration.Name)
                .WithMetadata(function.Declaration);
            if (enforceKeys && trigger.AuthLevel != AuthLevel.Anonymous)
            {
                builder.AddEndpointFilter((context, next) =>
                    new FunctionKeyFilter(trigger.AuthLevel, context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>())
                        .InvokeAsync(context, next));
            }
        }
        return endpoints;
    }
}
