namespace LeadIntake.Functions.Privacy;

/// <summary>What the privacy slice adds: its options (validated at start), the record's sources, the export's readers, the residency check.</summary>
internal static class PrivacyServiceCollectionExtensions
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddSingleton<ProcessorCatalog>();
        services.AddSingleton<ProcessingRecordSource>();
        services.AddSingleton<MailRecords>();
        services.AddHostedService<ResidencyCheck>();
        return services;
    }
}
