namespace LeadIntake.Functions.Hosting;

/// <summary>What starts a function: one of the three trigger kinds LeadIntake uses.</summary>
public abstract record FunctionTrigger
{
    private protected FunctionTrigger() { }
}

/// <summary>An HTTP trigger. <see cref="Route"/> is relative to the <c>api</c> prefix, as in function.json.</summary>
public sealed record HttpTrigger(string Route, IReadOnlyList<string> Methods, AuthLevel AuthLevel) : FunctionTrigger;

/// <summary>A queue trigger on a storage queue of the <c>AzureWebJobsStorage</c> account.</summary>
public sealed record QueueTrigger(string QueueName) : FunctionTrigger;

/// <summary>A timer trigger with a six-field NCRONTAB schedule (seconds first), UTC.</summary>
public sealed record TimerTrigger(string Schedule, bool RunOnStartup = false) : FunctionTrigger;
