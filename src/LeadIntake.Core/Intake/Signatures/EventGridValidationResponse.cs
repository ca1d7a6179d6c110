using System.Text.Json.Serialization;

namespace LeadIntake.Core.Intake.Signatures;

/// <summary>The synchronous answer to Event Grid's validation event: <c>{"validationResponse":"&lt;validationCode&gt;"}</c>.</summary>
public sealed record EventGridValidationResponse([property: JsonPropertyName("validationResponse")] string ValidationResponse);
