namespace LeadIntake.Functions.Hosting;

/// <summary>
/// A function, declared once: its name (the function.json folder name, the custom handler's invocation path)
/// and its trigger. Standalone routing, the standalone queue runtime and timers, the custom handler and the
/// generated function.json files all read this one declaration (docs/architecture.md, 'One app, two modes').
/// </summary>
public sealed record FunctionDeclaration(string Name, FunctionTrigger Trigger);
