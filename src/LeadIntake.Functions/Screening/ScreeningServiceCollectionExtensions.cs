using LeadIntake.Core.Screening;
using LeadIntake.Functions.Storage;

namespace LeadIntake.Functions.Screening;

/// <summary>The screening stage's services and settings, registered with one call from <c>LeadIntakeApp</c>.</summary>
internal static class ScreeningServiceCollectionExtensions
{
    public static IServiceCollection AddScreening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScreeningOptions>()
            .Bind(configuration.GetSection(ScreeningOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScreeningOptions>, ScreeningOptionsValidator>();
        services.AddSingleton<ScreeningContextSource>();
        services.AddSingleton<IContactIndex, TableContactIndex>();
        services.AddSingleton<IReviewQueue, TableReviewQueue>();
        services.AddSingleton<Core.Screening.Feedback.IScreeningFeedback, TableScreeningFeedback>();
        services.AddSingleton<ScreeningDecider>(LeadScreener.Screen);
        services.AddSingleton<MailboxLinks>();
        services.AddScoped<ScreeningCorrections>();
        services.AddScoped<MailboxActionHandler>();
        services.AddScoped<ReviewDigestHandler>();
        return services;
    }
}
