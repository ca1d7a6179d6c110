using LeadIntake.Functions.Intake;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// Bounds how long an intake request waits on storage: <c>Intake:StorageDeadline</c> after its body has been read
/// (a slow upload is not storage's fault), the request's cancellation token fires, and the request ends as a
/// <see cref="TimeoutException"/>, which <see cref="ProblemExceptionHandler"/> answers with 503 and <c>Retry-After</c>.
/// Without it, a hung storage holds the caller for the SDK's network timeout times its retries (30 s and more).
/// </summary>
internal static class IntakeDeadline
{
    private static readonly PathString IntakePath = new("/api/intake");

    public static IApplicationBuilder UseIntakeDeadline(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(IntakePath, StringComparison.OrdinalIgnoreCase))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var deadline = context.RequestServices.GetRequiredService<IOptionsMonitor<IntakeOptions>>().CurrentValue.StorageDeadline;
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var original = context.RequestAborted;
        using var timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(original, timer.Token);
        var body = context.Request.Body;
        if (context.Request.ContentLength == 0 || HttpMethods.IsGet(context.Request.Method)) timer.CancelAfter(deadline);
        else context.Request.Body = new EndOfBodySignal(body, () => timer.CancelAfter(deadline));
        context.RequestAborted = linked.Token;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (timer.IsCancellationRequested && !original.IsCancellationRequested && !context.Response.HasStarted)
        {
            throw new TimeoutException($"Storage did not answer within Intake:StorageDeadline ({deadline.TotalSeconds:0.#} s).", e);
        }
        finally
        {
            context.RequestAborted = original;
            context.Request.Body = body;
        }
    });

    /// <summary>A read-through body stream that calls back once, when the reader reaches the end of the body.</summary>
    private sealed class EndOfBodySignal(Stream inner, Action atEnd) : Stream
    {
        private int _signalled;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Signal(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Signal(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Signal(int read)
        {
            if (read == 0 && Interlocked.Exchange(ref _signalled, 1) == 0) atEnd();
            return read;
        }
    }
}
