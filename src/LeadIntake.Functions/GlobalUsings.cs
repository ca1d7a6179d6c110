global using Microsoft.Extensions.Options;
global using Microsoft.Azure.Functions.Worker;
global using Microsoft.AspNetCore.Http.HttpResults;
// The answer of an intake endpoint that stores one lead or a batch (docs/conventions.md, "Typed HTTP results").
global using IntakeAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Accepted<LeadIntake.Functions.Intake.LeadAnswer>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Functions.Intake.LeadAnswer>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Functions.Intake.IgnoredAnswer>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Functions.Intake.BatchAnswer>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    LeadIntake.Functions.Hosting.RetryAfterProblem>;
// A website form: the JSON answer, the thank-you page, or 303 to the thank-you address.
global using FormAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Accepted<LeadIntake.Functions.Intake.LeadAnswer>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Functions.Intake.LeadAnswer>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    LeadIntake.Functions.Hosting.SeeOtherResult>;
// Twilio's webhooks: TwiML for the voice URL, 204 for the other callbacks.
global using TwilioAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
    Microsoft.AspNetCore.Http.HttpResults.NoContent,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
    LeadIntake.Functions.Hosting.RetryAfterProblem>;
// A phone call event: the intake answer, Twilio's answers, or Event Grid's validation handshake.
global using CallAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Results<
        Microsoft.AspNetCore.Http.HttpResults.Accepted<LeadIntake.Functions.Intake.LeadAnswer>,
        Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Functions.Intake.LeadAnswer>,
        Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Functions.Intake.IgnoredAnswer>,
        Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Functions.Intake.BatchAnswer>,
        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
        LeadIntake.Functions.Hosting.RetryAfterProblem>,
    Microsoft.AspNetCore.Http.HttpResults.Results<
        Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult,
        Microsoft.AspNetCore.Http.HttpResults.NoContent,
        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult,
        LeadIntake.Functions.Hosting.RetryAfterProblem>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<LeadIntake.Core.Intake.Signatures.EventGridValidationResponse>>;
