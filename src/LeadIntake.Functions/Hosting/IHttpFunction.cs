namespace LeadIntake.Functions.Hosting;

/// <summary>An HTTP-triggered function: its declaration and the minimal-API handler that serves it.</summary>
public interface IHttpFunction
{
    static abstract FunctionDeclaration Declaration { get; }

    static abstract Delegate Handler { get; }
}
