using System;
using System.Collections.Generic;
using System.Linq;

namespace Mooring.Server.Generators;

/// <summary>How a handler method returns: what the invoker awaits.</summary>
internal enum HandlerReturn
{
    Void,
    Value,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}

/// <summary>
/// One handler method as the emitter needs it: names and flags only (no symbols), so the incremental pipeline can
/// compare it with the previous run and skip regeneration when nothing changed.
/// </summary>
internal sealed class HandlerModel : IEquatable<HandlerModel>
{
    public HandlerModel(string declaringType, string name, bool isStatic, string[] parameterTypes, bool[] nullable, HandlerReturn returns, string? resultType)
    {
        DeclaringType = declaringType;
        Name = name;
        IsStatic = isStatic;
        ParameterTypes = parameterTypes;
        Nullable = nullable;
        Returns = returns;
        ResultType = resultType;
    }

    /// <summary>The declaring type, fully qualified (<c>global::…</c>).</summary>
    public string DeclaringType { get; }

    public string Name { get; }

    public bool IsStatic { get; }

    /// <summary>Each parameter's type, fully qualified, as <c>typeof</c> accepts it.</summary>
    public string[] ParameterTypes { get; }

    public bool[] Nullable { get; }

    public HandlerReturn Returns { get; }

    /// <summary>The awaited result's type for <c>typeof</c>; null when there is none.</summary>
    public string? ResultType { get; }

    public bool Equals(HandlerModel? other) =>
        other is not null
        && DeclaringType == other.DeclaringType
        && Name == other.Name
        && IsStatic == other.IsStatic
        && ParameterTypes.SequenceEqual(other.ParameterTypes)
        && Nullable.SequenceEqual(other.Nullable)
        && Returns == other.Returns
        && ResultType == other.ResultType;

    public override bool Equals(object? obj) => Equals(obj as HandlerModel);

    public override int GetHashCode()
    {
        int hash = StringComparer.Ordinal.GetHashCode(DeclaringType);
        hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(Name);
        foreach (string type in ParameterTypes)
        {
            hash = (hash * 31) + StringComparer.Ordinal.GetHashCode(type);
        }

        return hash;
    }

    /// <summary>A key that orders the output deterministically.</summary>
    public string SortKey => DeclaringType + "." + Name + "(" + string.Join(",", ParameterTypes) + ")";

    public static IEnumerable<HandlerModel> Distinct(IEnumerable<HandlerModel> models) =>
        models.GroupBy(m => m.SortKey, StringComparer.Ordinal).Select(g => g.First()).OrderBy(m => m.SortKey, StringComparer.Ordinal);
}
