using System.Text.Json;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Functions mode: the host invokes each queue and timer function as <c>POST /{FunctionName}</c> with an
/// <see cref="InvocationRequest"/>. The reply is always a JSON object <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>
/// (never a bare string, which the host could mistake for base64: docs/functions-host.md, 'Response payload'). A failure answers 500, so the
/// host fails the invocation, retries the message after its visibility timeout and poisons it after maxDequeueCount.
/// </summary>
public static partial class CustomHandlerEndpoints
{
    /// <summary>The name of the trigger binding in every generated function.json.</summary>
    public const string QueueBinding = "message";
    public const string TimerBinding = "timer";

    public static IEndpointRouteBuilder MapCustomHandlerInvocations(this IEndpointRouteBuilder endpoints)
    {
        foreach (var entry in FunctionCatalog.Queues)
        {
            endpoints.MapPost($"/{entry.Declaration.Name}", (HttpContext context, CancellationToken ct) => InvokeQueueAsync(entry, context, ct));
        }
        foreach (var entry in FunctionCatalog.Timers)
        {
            endpoints.MapPost($"/{entry.Declaration.Name}", (HttpContext context, CancellationToken ct) => InvokeTimerAsync(entry, context, ct));
        }
        return endpoints;
    }

    private static async Task<IResult> InvokeQueueAsync(TypedFunctionEntry entry, HttpContext context, CancellationToken cancellationToken)
    {
        var request = await ReadAsync(context, cancellationToken);
        var text = request?.QueueMessageText(QueueBinding);
        if (request is null || text is null)
        {
            return Reply(StatusCodes.Status400BadRequest, $"Invocation of {entry.Declaration.Name} has no Data.{QueueBinding}.");
        }
        var invocation = new QueueInvocation(
            text,
            request.MetadataLong("DequeueCount", 1),
            request.MetadataString("Id") ?? string.Empty,
            request.MetadataTime("InsertionTime"));
        var function = (IQueueFunction)context.RequestServices.GetRequiredService(entry.FunctionType);
        try
        {
            await function.RunAsync(invocation, cancellationToken);
            return Reply(StatusCodes.Status200OK, $"{entry.Declaration.Name} completed message {invocation.MessageId}.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InvocationFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CustomHandlerEndpoints)), e, entry.Declaration.Name, invocation.MessageId, invocation.DequeueCount);
            LeadIntakeTelemetry.InvocationFailed(entry.Declaration.Name);
            return Reply(StatusCodes.Status500InternalServerError, $"{entry.Declaration.Name} failed: {e.GetType().Name}.");
        }
    }

    private static async Task<IResult> InvokeTimerAsync(TypedFunctionEntry entry, HttpContext context, CancellationToken cancellationToken)
    {
        var function = (ITimerFunction)context.RequestServices.GetRequiredService(entry.FunctionType);
        try
        {
            using var activity = LeadIntakeTelemetry.StartInvocation(entry.Declaration.Name, null);
            await function.RunAsync(cancellationToken);
            return Reply(StatusCodes.Status200OK, $"{entry.Declaration.Name} completed.");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.InvocationFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CustomHandlerEndpoints)), e, entry.Declaration.Name, "timer", 0);
            LeadIntakeTelemetry.InvocationFailed(entry.Declaration.Name);
            return Reply(StatusCodes.Status500InternalServerError, $"{entry.Declaration.Name} failed: {e.GetType().Name}.");
        }
    }

    private static async Task<InvocationRequest?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            var parsed = InvocationRequest.TryParse(document.RootElement);
            return parsed is null ? null : new InvocationRequest(parsed.Data.Clone(), parsed.Metadata.Clone());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult Reply(int status, string log) =>
        TypedResults.Json(new InvocationReply(new Dictionary<string, object>(), [log], null), statusCode: status);

    /// <summary>The custom-handler response payload (docs/functions-host.md, 'Response payload').</summary>
    public sealed record InvocationReply(
        [property: System.Text.Json.Serialization.JsonPropertyName("Outputs")] Dictionary<string, object> Outputs,
        [property: System.Text.Json.Serialization.JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
        [property: System.Text.Json.Serialization.JsonPropertyName("ReturnValue")] object? ReturnValue);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Host invocation of {Function} failed on message {MessageId} (attempt {DequeueCount})")]
        public static partial void InvocationFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);
    }
}
