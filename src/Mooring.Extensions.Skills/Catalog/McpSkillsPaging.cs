using System.Buffers.Text;
using System.Text;

namespace Mooring.Extensions.Skills;

/// <summary>
/// Pages of a list sorted by URI (ordinal). A cursor is the base64url of the last URI served, as the core's list
/// cursors are: opaque to clients, and a page starts after that URI wherever it sits.
/// </summary>
internal static class McpSkillsPaging
{
    private const int MaxCursorLength = 4096;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One page after <paramref name="cursor"/>; false when the cursor is not one this server could have issued.</summary>
    public static bool TryPage<T>(IReadOnlyList<T> sorted, Func<T, string> uri, string? cursor, int pageSize, out List<T> page, out string? nextCursor)
    {
        page = [];
        nextCursor = null;
        int start = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!TryDecode(cursor, out string? after))
            {
                return false;
            }

            start = FirstAfter(sorted, uri, after);
        }

        int end = Math.Min(sorted.Count, start + pageSize);
        for (int i = start; i < end; i++)
        {
            page.Add(sorted[i]);
        }

        if (end < sorted.Count && page.Count > 0)
        {
            nextCursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(uri(page[^1])));
        }

        return true;
    }

    /// <summary>The index of the first item whose URI sorts after <paramref name="after"/> (binary search).</summary>
    private static int FirstAfter<T>(IReadOnlyList<T> sorted, Func<T, string> uri, string after)
    {
        int low = 0;
        int high = sorted.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(uri(sorted[middle]), after) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static bool TryDecode(string cursor, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? after)
    {
        after = null;
        // IsValid first: decoding throws on characters outside the alphabet or an impossible length.
        if (cursor.Length > MaxCursorLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        byte[] buffer = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.TryDecodeFromChars(cursor, buffer, out int written))
        {
            return false;
        }

        try
        {
            after = StrictUtf8.GetString(buffer, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
