using System.Text.Json;
using LeadIntake.Core.Leads;

namespace LeadIntake.Functions.Console;

/// <summary>
/// An audit event's type as its wire name (<c>reassigned</c>, <c>sla_reminded</c>), whether the type is held as that
/// word or as an enum whose names convert to it in snake_case (the wire-name rule of <see cref="WireNames"/>).
/// </summary>
internal static class ConsoleEventNames
{
    public static string Of(LeadEvent e)
    {
        object type = e.Type;
        return type as string ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(type.ToString() ?? "");
    }
}
