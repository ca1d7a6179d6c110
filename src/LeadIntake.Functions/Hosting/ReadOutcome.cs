using System.Diagnostics.CodeAnalysis;

namespace LeadIntake.Functions.Hosting;

/// <summary>
/// What reading a part of a request (body, form, JSON, query) gives: the value, or the 4xx problem+json that names
/// the field at fault. Returned instead of a <c>(value, problem)</c> tuple; a method returning it can <c>return</c>
/// either a value or a <see cref="ProblemHttpResult"/> (implicit conversions), and the caller writes
/// <c>if (!outcome.TryValue(out var value, out var problem)) return problem;</c>.
/// </summary>
internal abstract record ReadOutcome<T>
{
    private ReadOutcome() { }

    /// <summary>The part was read.</summary>
    public sealed record Read(T Value) : ReadOutcome<T>;

    /// <summary>The part was refused; <see cref="Problem"/> is the answer.</summary>
    public sealed record Refused(ProblemHttpResult Problem) : ReadOutcome<T>;

    public static implicit operator ReadOutcome<T>(T value) => new Read(value);

    public static implicit operator ReadOutcome<T>(ProblemHttpResult problem) => new Refused(problem);

    public bool TryValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        switch (this)
        {
            case Read read:
                (value, problem) = (read.Value, null);
                return true;
            case Refused refused:
                (value, problem) = (default, refused.Problem);
                return false;
            default:
                throw new InvalidOperationException("Unknown read outcome.");
        }
    }
}
