namespace LeadIntake.Functions.Hosting;

/// <summary>
/// What starts a function, as standalone mode reads it from the worker's trigger attribute (<see cref="FunctionCatalog"/>).
/// Not declared anywhere by hand: the attribute on the <c>[Function]</c> method is the only declaration.
/// </summary>
internal abstract record FunctionTrigger
{
    private protected FunctionTrigger() { }
}

/// <summary>An HTTP trigger. <see cref="Route"/> is relative to the <c>api</c> prefix, as in the SDK's metadata.</summary>
internal sealed record HttpFunctionTrigger(string Route, IReadOnlyList<string> Methods, AuthLevel AuthLevel) : FunctionTrigger;

/// <summary>A queue trigger on a storage queue of the <c>AzureWebJobsStorage</c> account.</summary>
internal sealed record QueueFunctionTrigger(string QueueName) : FunctionTrigger;

/// <summary>A timer trigger with a six-field NCRONTAB schedule (seconds first), UTC.</summary>
internal sealed record TimerFunctionTrigger(string Schedule, bool RunOnStartup) : FunctionTrigger;
