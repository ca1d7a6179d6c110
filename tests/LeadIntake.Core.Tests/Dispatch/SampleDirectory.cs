using LeadIntake.Core.Dispatch.Directory;


namespace LeadIntake.Core.Tests.Dispatch;

/// <summary>A small sales organisation: an industry team (FR, keywords) and a general team.</summary>
internal static class SampleDirectory
{
    public static SalesRep Rep(string name, int weight = 1, int? capacity = null, params string[] languages) => new()
    {
        Email = $"{name.ToLowerInvariant()}@corp.test",
        Name = name,
        Weight = weight,
        DailyCapacity = capacity,
        Languages = languages,
    };

    public static SalesDirectory With(params SalesRep[] reps) => new()
    {
        Reps = [.. reps, Rep("Gina")],
        Teams =
        [
            new SalesTeam
            {
                Id = "industry", Name = "Industry", Members = reps.Select(r => r.Email).ToList(),
                ManagerEmail = "boss@corp.test", FallbackOwner = "boss@corp.test",
            },
            new SalesTeam
            {
                Id = "general", Name = "General", Members = ["gina@corp.test"],
                ManagerEmail = "boss@corp.test", FallbackOwner = "gina@corp.test",
            },
        ],
        DefaultTeamId = "general",
    };

    public static readonly AssignmentRule FrIndustry = new()
    {
        Name = "FR-Industry",
        TeamId = "industry",
        Territory = new Territory { Countries = ["FR"] },
        Keywords = ["usinage", "machining", "fonderie"],
    };
}
