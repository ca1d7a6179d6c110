namespace LeadIntake.Functions.Hosting;

/// <summary>One delivery of a queue message to a function, with the trigger metadata the Functions host gives too.</summary>
internal sealed record QueueInvocation(string MessageText, long DequeueCount, string MessageId, DateTimeOffset? InsertionTime);
