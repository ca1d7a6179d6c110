using LeadIntake.Core.Screening;
using LeadIntake.Core.Screening.Model;

namespace LeadIntake.Functions.Screening;

/// <summary>
/// Builds the <see cref="ScreeningContext"/> for each lead from the current settings (<see cref="IOptionsMonitor{T}"/>,
/// so an app-setting change applies without a redeploy). The rules file is parsed once per last-write time: an edited
/// file is picked up by the next lead; a broken edit keeps the last good rules and logs a warning (at start a broken
/// file stops the app: <see cref="ScreeningOptionsValidator"/>).
/// </summary>
internal sealed partial class ScreeningContextSource(IOptionsMonitor<ScreeningOptions> options, ILogger<ScreeningContextSource> logger)
{
    private readonly Lock _gate = new();
    private (string Path, DateTime Written, ScreeningRules Rules)? _rules;
    private (string Path, DateTime Written, DisposableDomains Domains)? _disposable;
    private (string Path, DateTime Written, ScreeningModel Model)? _model;
    private (string? Raw, AddressList List) _allow = (null, AddressList.Empty);
    private (string? Raw, AddressList List) _block = (null, AddressList.Empty);

    public ScreeningContext Current()
    {
        var o = options.CurrentValue;
        lock (_gate)
        {
            var rules = RulesFor(o.RulesFile);
            return new ScreeningContext
            {
                Rules = rules,
                Model = ModelFor(o.ModelFile),
                ServedLanguageMask = ServedFor(rules, o.ServedLanguages),
                DisposableDomains = DisposableFor(o.ExtraDisposableDomainsFile),
                AllowList = ListFor(ref _allow, o.AllowList),
                BlockList = ListFor(ref _block, o.BlockList),
                DefaultPhoneRegion = o.DefaultPhoneRegion.ToUpperInvariant(),
            };
        }
    }

    private ScreeningRules RulesFor(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return ScreeningRules.Default;
        DateTime written;
        try
        {
            written = File.GetLastWriteTimeUtc(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return KeepLastGood(path, e.Message);
        }
        if (_rules is { } cached && cached.Path == path && cached.Written == written) return cached.Rules;
        try
        {
            var rules = ScreeningRules.Parse(File.ReadAllText(path));
            _rules = (path, written, rules);
            LogRulesLoaded(logger, rules.Version);
            return rules;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return KeepLastGood(path, e.Message);
        }
    }

    private static long? ServedFor(ScreeningRules rules, string? served)
    {
        if (string.IsNullOrWhiteSpace(served)) return null;
        try
        {
            return rules.MaskOf(ScreeningOptions.Entries(served));
        }
        catch (FormatException)
        {
            // Validated at start against the rules then in use; an edited rules file without the language falls back to its own list.
            return null;
        }
    }

    private ScreeningModel? ModelFor(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return ScreeningModel.Default;
        try
        {
            var written = File.GetLastWriteTimeUtc(path);
            if (_model is { } cached && cached.Path == path && cached.Written == written) return cached.Model;
            using var stream = File.OpenRead(path);
            var model = ScreeningModel.Read(stream);
            _model = (path, written, model);
            LogModelLoaded(logger, model.Version);
            return model;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or InvalidDataException)
        {
            var kept = _model is { } cached && cached.Path == path ? cached.Model : ScreeningModel.Default;
            LogModelBroken(logger, e.Message, kept?.Version);
            return kept;
        }
    }

    private ScreeningRules KeepLastGood(string path, string problem)
    {
        var kept = _rules is { } cached && cached.Path == path ? cached.Rules : ScreeningRules.Default;
        LogRulesBroken(logger, problem, kept.Version);
        return kept;
    }

    private DisposableDomains DisposableFor(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return DisposableDomains.Bundled;
        try
        {
            var written = File.GetLastWriteTimeUtc(path);
            if (_disposable is { } cached && cached.Path == path && cached.Written == written) return cached.Domains;
            var domains = DisposableDomains.Bundled.With(File.ReadAllLines(path));
            _disposable = (path, written, domains);
            return domains;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogDisposableBroken(logger, e.Message);
            return _disposable is { } cached && cached.Path == path ? cached.Domains : DisposableDomains.Bundled;
        }
    }

    private static AddressList ListFor(ref (string? Raw, AddressList List) cache, string? raw)
    {
        if (string.Equals(cache.Raw, raw, StringComparison.Ordinal)) return cache.List;
        cache = (raw, AddressList.From(ScreeningOptions.Entries(raw)));
        return cache.List;
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Screening rules file loaded: version {RulesVersion}")]
    private static partial void LogRulesLoaded(ILogger logger, string rulesVersion);

    // The problem text comes from the parser (JSON position, rule name), never from a lead.
    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Screening:RulesFile can't be used ({Problem}); keeping rules version {RulesVersion}")]
    private static partial void LogRulesBroken(ILogger logger, string problem, string rulesVersion);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Screening:ExtraDisposableDomainsFile can't be read ({Problem}); keeping the previous list")]
    private static partial void LogDisposableBroken(ILogger logger, string problem);

    [LoggerMessage(EventId = 3050, Level = LogLevel.Information, Message = "Screening:ModelFile loaded: model version {ModelVersion}")]
    private static partial void LogModelLoaded(ILogger logger, string modelVersion);

    [LoggerMessage(EventId = 3051, Level = LogLevel.Warning, Message = "Screening:ModelFile can't be used ({Problem}); keeping model version {ModelVersion}")]
    private static partial void LogModelBroken(ILogger logger, string problem, string? modelVersion);
}
