using System.ComponentModel.DataAnnotations;

namespace LeadIntake.Functions.Intake;

/// <summary>Intake settings (<c>Intake__*</c>).</summary>
internal sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>The public URL providers call (Twilio signs it); also the base of links in mails.</summary>
    [Url(ErrorMessage = "Intake:PublicBaseUrl must be an absolute http(s) URL.")]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// A lead still <c>captured</c> this long after it was last queued is queued again by the sweeper (its message was
    /// lost); never sooner than <see cref="SweepLeasePeriod"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Intake:SweepAfter must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan SweepAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A stored lead whose enqueue failed is queued again by the instance as soon as the queue answers
    /// (<see cref="DeferredEnqueues"/>), rather than only by the sweeper after <see cref="SweepAfter"/>.
    /// </summary>
    public bool RetryFailedEnqueues { get; set; } = true;

    /// <summary>
    /// The sweeper skips its run while more messages than this wait for screening: in a backlog a lead still
    /// <c>captured</c> is most likely queued already, and queueing it again would multiply the work it waits behind.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Intake:SweepSkipAboveDepth must be between 0 and 1000000.")]
    public int SweepSkipAboveDepth { get; set; } = 100;

    /// <summary>
    /// Past this many messages waiting in the pipeline (screening and dispatch queues together), webhooks whose sender
    /// retries (Twilio callbacks, SendGrid, Mailgun, Postmark, Meta) are answered 503 with <c>Retry-After</c> before
    /// anything is stored; forms and the other channels are still stored and answered 202. 0 turns it off.
    /// </summary>
    [Range(0, 10_000_000, ErrorMessage = "Intake:WebhookBackPressureDepth must be between 0 and 10000000.")]
    public int WebhookBackPressureDepth { get; set; } = 2_000;

    /// <summary>The <c>Retry-After</c> of a webhook turned away by back-pressure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Intake:WebhookRetryAfter must be between 00:00:01 and 01:00:00.")]
    public TimeSpan WebhookRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The backlog depth is read from the queues at most once per this interval (per instance), never per request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "Intake:BacklogSampleInterval must be between 00:00:00.100 and 00:01:00.")]
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The least time between two queueings of one lead by the sweeper: a message's whole life on the queue, retries
    /// included. Unset: the queue's visibilityTimeout × maxDequeueCount (host.json <c>extensions.queues</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Intake:SweepLeasePeriod must be between 00:00:00 and 1.00:00:00.")]
    public TimeSpan? SweepLeasePeriod { get; set; }

    /// <summary>How far back the sweeper looks.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00", ErrorMessage = "Intake:SweepLookback must be between 00:01:00 and 90.00:00:00.")]
    public TimeSpan SweepLookback { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// Longest an intake request waits on storage once its body is read; then it answers 503 with Retry-After rather
    /// than hold the caller (a form's visitor, a provider's webhook timeout) while storage hangs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00", ErrorMessage = "Intake:StorageDeadline must be between 00:00:01 and 00:01:00.")]
    public TimeSpan StorageDeadline { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest accepted inbound email post (providers send the attachments too).</summary>
    [Range(65_536, 31_457_280, ErrorMessage = "Intake:MaxEmailBodyBytes must be between 65536 and 31457280.")]
    public int MaxEmailBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest accepted call or social webhook post.</summary>
    [Range(4_096, 4_194_304, ErrorMessage = "Intake:MaxWebhookBodyBytes must be between 4096 and 4194304.")]
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>ISO 3166 region used to read national phone numbers (<c>FR</c>); empty accepts only international ones.</summary>
    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "Intake:DefaultRegion must be a two-letter ISO 3166 region such as FR.")]
    public string? DefaultRegion { get; set; }
}
