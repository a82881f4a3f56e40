using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Logging;
using Mooring.Protocol;
using Mooring.Server;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Reads a catalog file through the provider and checks the bytes against the size and digest the entry published,
/// whatever the provider: a client never receives content its manifest does not describe. Text types that are valid
/// UTF-8 go out as text (a byte-order mark kept, so the text re-encodes to the same bytes); anything else as base64.
/// </summary>
internal sealed class McpSkillFileReader(McpSkillProvider provider, ILogger logger)
{
    public async ValueTask<ReadResourceResult> ReadAsync(McpRequestContext context, McpSkillFileEntry entry)
    {
        ReadOnlyMemory<byte>? read = await provider.ReadAsync(entry.Skill, entry.File, context.CancellationToken).ConfigureAwait(false);
        if (read is not { } content || content.Length != entry.File.Size || McpSkillDigest.Compute(content.Span) != entry.File.Digest)
        {
            // A resource read can only fail by throwing; McpException is the core's way to answer with a chosen code and message.
            McpSkillsLog.FileUnavailable(logger, entry.Skill.Name, entry.File.Path);
            throw new McpException($"The skill file {entry.Uri} is unavailable: it no longer matches its listed digest.", JsonRpcErrorCodes.InternalError);
        }

        string mimeType = entry.Resource.MimeType ?? McpSkillMimeTypes.Binary;
        ResourceContents contents = McpSkillMimeTypes.IsText(mimeType) && Utf8.IsValid(content.Span)
            ? new TextResourceContents { Uri = entry.Uri, MimeType = mimeType, Text = Encoding.UTF8.GetString(content.Span) }
            : new BlobResourceContents { Uri = entry.Uri, MimeType = mimeType, Blob = Convert.ToBase64String(content.Span) };
        return new ReadResourceResult { Contents = [contents] };
    }
}
