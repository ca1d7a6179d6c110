namespace LeadIntake.Core.Intake;

/// <summary>
/// Length limits per field, in characters. Generous for humans, small enough that a lead always fits one
/// table entity (1 MiB, 64 KiB per string property: docs/architecture.md, 'Storage limits').
/// </summary>
public static class FieldLimits
{
    public const int Name = 200;
    public const int Email = 254; // RFC 5321 path limit
    public const int Phone = 40;
    public const int Company = 200;
    public const int JobTitle = 200;
    public const int Country = 64;
    public const int Subject = 500;
    public const int Message = 20_000;
    public const int Url = 2_048;
    public const int Utm = 500;
    public const int ExtraFieldName = 100;
    public const int ExtraFieldValue = 2_000;
    public const int ExtraFieldCount = 50;
}
