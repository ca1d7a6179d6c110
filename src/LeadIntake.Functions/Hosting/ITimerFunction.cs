namespace LeadIntake.Functions.Hosting;

/// <summary>A timer-triggered function. Throwing is logged; the next occurrence runs as scheduled.</summary>
public interface ITimerFunction
{
    static abstract FunctionDeclaration Declaration { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
