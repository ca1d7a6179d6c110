using MimeKit;

namespace LeadIntake.Functions.Mail;

/// <summary>
/// Writes each mail as an .eml file named after its Message-Id (the local default: open them with any mail client).
/// The name makes delivery checkable: after a crash the outbox asks whether the file exists instead of writing again.
/// </summary>
internal sealed class PickupDirectoryMailSender(IOptions<MailOptions> options) : IMailSender
{
    public async Task<string?> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var path = PathOf(message.MessageId ?? Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken).ConfigureAwait(false);
        // Rename so a reader never sees half a file, and so a crash mid-write leaves no .eml: the check below stays true.
        File.Move(temporary, path, overwrite: true);
        return "written to the pickup directory";
    }

    public Task<MailDeliveryCheck> CheckDeliveredAsync(string messageId, CancellationToken cancellationToken) =>
        Task.FromResult(File.Exists(PathOf(messageId)) ? MailDeliveryCheck.Delivered : MailDeliveryCheck.NotDelivered);

    private string PathOf(string messageId) => PathOf(options.Value.PickupDirectory, messageId);

    /// <summary>Where the copy of the mail with <paramref name="messageId"/> is written (a purge deletes it there).</summary>
    internal static string PathOf(string directory, string messageId)
    {
        var name = string.Concat(messageId.Split(Path.GetInvalidFileNameChars())).Replace('@', '_');
        return Path.Combine(Path.GetFullPath(directory), $"{name}.eml");
    }
}
