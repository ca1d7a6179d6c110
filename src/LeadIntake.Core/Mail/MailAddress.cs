namespace LeadIntake.Core.Mail;

/// <summary>
/// A mailbox: address and optional display name, both as plain text (the mail layer encodes them). Both are made
/// single-line here (<see cref="MailHeaderText"/>), so no composer can put a line break into a header.
/// </summary>
public sealed record MailAddress
{
    public MailAddress(string address, string? name = null)
    {
        Address = address;
        Name = name;
    }

    public string Address { get; init => field = MailHeaderText.SingleLine(value); }

    public string? Name { get; init => field = MailHeaderText.Name(value); }

    public void Deconstruct(out string address, out string? name)
    {
        address = Address;
        name = Name;
    }
}
