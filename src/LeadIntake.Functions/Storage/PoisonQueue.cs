namespace LeadIntake.Functions.Storage;

/// <summary>The Functions host's poison queue naming: <c>&lt;queue&gt;-poison</c> (QueueListenerFactory.CreatePoisonQueueReference).</summary>
internal static class PoisonQueue
{
    public const string Suffix = "-poison";

    public static string NameFor(string queueName) => queueName + Suffix;
}
