using System.Text;

namespace Mooring.Server;

/// <summary>Default names for primitives declared by methods.</summary>
internal static class McpNaming
{
    /// <summary><c>GetWeatherAsync</c> → <c>get_weather</c>.</summary>
    public static string ToSnakeCase(string methodName)
    {
        if (methodName.EndsWith("Async", StringComparison.Ordinal) && methodName.Length > 5)
        {
            methodName = methodName[..^5];
        }

        var sb = new StringBuilder(methodName.Length + 8);
        for (int i = 0; i < methodName.Length; i++)
        {
            char c = methodName[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(methodName[i - 1]) || char.IsDigit(methodName[i - 1])
                    || (i + 1 < methodName.Length && char.IsLower(methodName[i + 1]) && char.IsUpper(methodName[i - 1])));
                if (boundary)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
