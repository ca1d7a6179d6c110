using MimeKit;

namespace LeadIntake.Functions.Mail;

/// <summary>Writes each mail as an .eml file (the local default: open them with any mail client).</summary>
public sealed class PickupDirectoryMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        Directory.CreateDirectory(directory);
        var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars())).Replace('@', '_');
        var path = Path.Combine(directory, $"{name}.eml");
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        // Rename so a reader never sees half a file.
        File.Move(temporary, path, overwrite: true);
    }
}
