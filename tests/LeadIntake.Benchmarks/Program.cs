using BenchmarkDotNet.Running;
using LeadIntake.Benchmarks.Screening;

// One entry point, one verb per measurement: `screen-eval FILE [--out FILE]` (quality on a labeled corpus),
// `bench [BenchmarkDotNet args]` (micro-benchmarks). The end-to-end `load` verb will join them.
var verb = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (verb)
{
    case "screen-eval":
        return ScreenEvalCommand.Run(rest, Console.Out);
    case "bench":
        BenchmarkSwitcher.FromAssembly(typeof(ScreenLeadBenchmarks).Assembly).Run(rest);
        return 0;
    default:
        Console.Error.WriteLine("""
            usage:
              screen-eval FILE [--out FILE]   screen a labeled JSONL corpus; print the confusion matrix, per-class precision/recall, macro-F1 and the spam false-positive rate
              bench [--filter PATTERN]        run the BenchmarkDotNet micro-benchmarks (use -c Release)
            """);
        return 2;
}
