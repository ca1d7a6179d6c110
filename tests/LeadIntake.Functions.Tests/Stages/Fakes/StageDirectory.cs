using LeadIntake.Core.Dispatch.Directory;


namespace LeadIntake.Functions.Tests.Stages.Fakes;

/// <summary>
/// A small sales organisation for the fast dispatch tests (as the Core tests build theirs): an industry team of Alice
/// and Bob (French leads about foundries go there) managed by the boss, and a general team of Gina.
/// </summary>
internal static class StageDirectory
{
    public const string Alice = "alice@corp.test";
    public const string Bob = "bob@corp.test";
    public const string Boss = "boss@corp.test";

    public static SalesRep Rep(string name, params string[] languages) => new()
    {
        Email = $"{name.ToLowerInvariant()}@corp.test",
        Name = name,
        Languages = languages,
    };

    public static RoutingSetup Setup(TeamSla? sla = null) => new(new SalesDirectory
    {
        Reps = [Rep("Alice"), Rep("Bob"), Rep("Gina"), Rep("Boss")],
        Teams =
        [
            new SalesTeam
            {
                Id = "industry", Name = "Industry", Members = [Alice, Bob], ManagerEmail = Boss, FallbackOwner = Boss,
                Sla = sla ?? TeamSla.Default,
            },
            new SalesTeam { Id = "general", Name = "General", Members = ["gina@corp.test"], ManagerEmail = Boss, FallbackOwner = "gina@corp.test" },
        ],
        DefaultTeamId = "general",
    }, [FrIndustry]);

    public static readonly AssignmentRule FrIndustry = new()
    {
        Name = "FR-Industry",
        TeamId = "industry",
        Territory = new Territory { Countries = ["FR"] },
        Keywords = ["usinage", "machining", "fonderie"],
    };
}
