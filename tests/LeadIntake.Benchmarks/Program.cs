using BenchmarkDotNet.Running;
using LeadIntake.Benchmarks;
using LeadIntake.Benchmarks.Screening;
using LeadIntake.Benchmarks.Screening.Training;

// One entry point, one verb per measurement: `screen-eval FILE [--out FILE]` (quality on a labeled corpus),
// `train [...]` (the screening model), `bench [BenchmarkDotNet args]` (micro-benchmarks),
// `load [--rate N] [--duration S] [--flood-rate N] [--separate-process]` (end to end), `hostile [--short]` (bad input over every endpoint),
// `fault [--rate N] [--duration S] [--outage S]` (crash and storage outage).
var verb = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
switch (verb)
{
    case "train":
        return TrainCommand.Run(rest, Console.Out);
    case "screen-eval":
        return ScreenEvalCommand.Run(rest, Console.Out);
    case "bench":
        BenchmarkSwitcher.FromAssembly(typeof(ScreenLeadBenchmarks).Assembly).Run(rest);
        return 0;
    case "load":
        return await LoadCommand.RunAsync(rest, Console.Out, Console.Error);
    case "hostile":
        return await HostileCommand.RunAsync(rest, Console.Out, Console.Error);
    case "fault":
        return await FaultCommand.RunAsync(rest, Console.Out, Console.Error);
    case "console":
        return await ConsoleCommand.RunAsync(rest, Console.Out, Console.Error);
    case "table-growth":
        return await TableGrowthCommand.RunAsync(rest, Console.Out);
    case "kpis":
        return await LeadIntake.Benchmarks.Kpis.KpiBenchCommand.RunAsync(rest, Console.Out);
    default:
        Console.Error.WriteLine("""
            usage:
              screen-eval FILE [--out FILE]   screen a labeled JSONL corpus; print the confusion matrix, per-class precision/recall, macro-F1 and the spam false-positive rate
              train [--manifest FILE] [--out FILE] [--with-feedback FILE] [--compare-mlnet] [--no-cv]
                                              train the screening model from tests/corpus/train/manifest.json (fixed seed); print cross-validated and holdout figures
              bench [--filter PATTERN]        run the BenchmarkDotNet micro-benchmarks (use -c Release)
              load [--rate 20] [--duration 60] [--instances 1] [--timeout 60] [--warmup 300] [--flood-rate N [--flood-rotate]]
                   [--rate-limit N] [--separate-process | --app-dir DIR] [--json FILE] [--trace FILE] [--app-log FILE]
                                              end-to-end load: own Azurite + maildev, the real app in-process or published as its own
                                              process, a warm-up, then form leads to rep mails, optionally beside a bot flood
              hostile [--short]               the hostile-input suite over every endpoint against the real app: status classes, 5xx,
                                              junk rows, control characters stored, header and markup injections (exit 1 if any)
              console [--leads 20000] [--days 30] [--runs 20]
                                              the cockpit's reads: leads written straight into the table, then the lead list, Today and
                                              quarantine requests signed in; median and p90 latency, table transactions per request
              fault [--rate 20] [--duration 90] [--outage 30] [--kill-at 15] [--restart-at 18] [--outage-at 35] [--timeout 180] [--json FILE]
                                              fault run: two app processes on one emulator pair; one killed and restarted, storage stopped and restarted
              table-growth [--sizes 0,5000,20000,50000] [--samples 200] [--writers 16]
                                              the table emulator's partition range query, point read and insert latency as a
                                              Contacts-like table (one row per partition) grows
              kpis [--leads 100000] [--runs 7] [--project-leads 40]
                                              KPI page render time for a month of N leads (counters as the projections write them), and
                                              storage transactions per stage change of the projections (sequential and 8 concurrent writers)
            """);
        return 2;
}
