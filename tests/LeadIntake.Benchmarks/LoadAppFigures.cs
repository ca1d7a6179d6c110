namespace LeadIntake.Benchmarks;

/// <summary>
/// Where the app ran and what it cost over the measured part: CPU seconds (the app process's own when it runs apart,
/// else this whole process), its peak memory over its life (VmHWM, warm-up included) and over the measured part alone
/// (sampled VmRSS; not known in-process).
/// </summary>
internal sealed record LoadAppFigures(string Mode, double CpuSeconds, double PeakMemoryMb, double MeasuredPeakMemoryMb);
