using System.Globalization;
using System.Text;
using LeadIntake.Core.Leads;

namespace LeadIntake.Benchmarks.Screening;

/// <summary>
/// Counts of expected × predicted triage over spam/commercial/service/hr/other, with per-class precision and recall,
/// macro-F1 and the spam false-positive rate (genuine leads quarantined as spam: the costly mistake).
/// </summary>
public sealed class ConfusionMatrix
{
    public static readonly IReadOnlyList<LeadIntent> Classes =
        [LeadIntent.Spam, LeadIntent.Commercial, LeadIntent.Service, LeadIntent.Hr, LeadIntent.Other];

    private readonly int[,] _counts = new int[Classes.Count, Classes.Count];

    public int Total { get; private set; }

    public void Add(LeadIntent expected, LeadIntent predicted)
    {
        _counts[IndexOf(expected), IndexOf(predicted)]++;
        Total++;
    }

    public int Count(LeadIntent expected, LeadIntent predicted) => _counts[IndexOf(expected), IndexOf(predicted)];

    public double Precision(LeadIntent intent)
    {
        int column = Classes.Sum(e => Count(e, intent));
        return column == 0 ? 0 : (double)Count(intent, intent) / column;
    }

    public double Recall(LeadIntent intent)
    {
        int row = Classes.Sum(p => Count(intent, p));
        return row == 0 ? 0 : (double)Count(intent, intent) / row;
    }

    public double F1(LeadIntent intent)
    {
        double p = Precision(intent), r = Recall(intent);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Mean F1 over the classes present in the corpus (a class nobody expected or predicted doesn't count).</summary>
    public double MacroF1
    {
        get
        {
            var present = Classes.Where(c => Classes.Sum(p => Count(c, p)) + Classes.Sum(e => Count(e, c)) > 0).ToList();
            return present.Count == 0 ? 0 : present.Average(F1);
        }
    }

    /// <summary>Genuine leads (any label but spam) predicted spam, over all genuine leads.</summary>
    public double SpamFalsePositiveRate
    {
        get
        {
            var genuine = Classes.Where(c => c != LeadIntent.Spam).ToList();
            int all = genuine.Sum(e => Classes.Sum(p => Count(e, p)));
            int wrong = genuine.Sum(e => Count(e, LeadIntent.Spam));
            return all == 0 ? 0 : (double)wrong / all;
        }
    }

    public string Format()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"Confusion matrix ({Total} records; rows = expected, columns = predicted)");
        sb.Append($"{"",-12}");
        foreach (var c in Classes) sb.Append(inv, $"{WireNames.Of(c),11}");
        sb.AppendLine();
        foreach (var e in Classes)
        {
            sb.Append(inv, $"{WireNames.Of(e),-12}");
            foreach (var p in Classes) sb.Append(inv, $"{Count(e, p),11}");
            sb.AppendLine();
        }
        sb.AppendLine();
        sb.AppendLine(inv, $"{"class",-12}{"precision",11}{"recall",11}{"f1",11}{"support",11}");
        foreach (var c in Classes)
        {
            sb.AppendLine(inv, $"{WireNames.Of(c),-12}{Precision(c),11:0.000}{Recall(c),11:0.000}{F1(c),11:0.000}{Classes.Sum(p => Count(c, p)),11}");
        }
        sb.AppendLine();
        sb.AppendLine(inv, $"macro-F1: {MacroF1:0.000}");
        sb.AppendLine(inv, $"spam false-positive rate: {SpamFalsePositiveRate:0.000} ({Classes.Where(c => c != LeadIntent.Spam).Sum(e => Count(e, LeadIntent.Spam))} genuine leads marked spam)");
        return sb.ToString();
    }

    private static int IndexOf(LeadIntent intent)
    {
        for (int i = 0; i < Classes.Count; i++) if (Classes[i] == intent) return i;
        throw new ArgumentOutOfRangeException(nameof(intent));
    }
}
