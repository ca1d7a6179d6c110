namespace LeadIntake.Functions.Hosting;

/// <summary>
/// A function as standalone mode sees it: the name from <c>[Function]</c> and the trigger from its trigger attribute.
/// Read by <see cref="FunctionCatalog"/>, never written by hand.
/// </summary>
internal sealed record FunctionDeclaration(string Name, FunctionTrigger Trigger);
