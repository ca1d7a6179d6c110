namespace LeadIntake.Core.Intake;

/// <summary>One thing wrong with the input, naming the field at fault (becomes a problem+json entry).</summary>
public sealed record FieldError(string Field, string Message);
