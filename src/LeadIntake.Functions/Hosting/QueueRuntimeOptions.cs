using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// host.json <c>extensions.queues</c>, read by the standalone queue runtime with the Functions host's meanings and
/// defaults (the host.json reference for extensions.queues). Overridable like the host's own: <c>AzureFunctionsJobHost__extensions__queues__batchSize</c>.
/// </summary>
internal sealed class QueueRuntimeOptions
{
    public const string SectionName = "AzureFunctionsJobHost:extensions:queues";

    /// <summary>Messages fetched per poll, per function (1–32, default 16).</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Fetch the next batch when in-flight messages drop to this many (default batchSize / 2).</summary>
    [Range(0, 1000)]
    public int? NewBatchThreshold { get; set; }

    /// <summary>Longest wait between polls of an empty queue (minimum 100 ms, default 1 minute).</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a failed message stays invisible before its next attempt (default 0).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.Zero;

    /// <summary>Attempts before a message moves to <c>&lt;queue&gt;-poison</c> (default 5).</summary>
    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary><c>base64</c> (the host's default) or <c>none</c>.</summary>
    [RegularExpression("^(?i)(base64|none)$", ErrorMessage = "messageEncoding must be 'base64' or 'none'.")]
    public string MessageEncoding { get; set; } = "base64";

    /// <summary>Not a host.json setting: how long shutdown waits for in-flight messages before releasing them.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Not a host.json setting: how long a received message stays invisible, renewed every third of it while the
    /// function runs. The Functions host uses 10 minutes; a shorter lease brings back the messages of an instance that
    /// died (SIGKILL, OOM, a lost VM) sooner. 15 s to 10 minutes.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    public int EffectiveNewBatchThreshold => NewBatchThreshold ?? BatchSize / 2;

    public bool Base64 => string.Equals(MessageEncoding, "base64", StringComparison.OrdinalIgnoreCase);
}
