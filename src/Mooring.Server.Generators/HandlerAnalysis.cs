using System.Linq;
using Microsoft.CodeAnalysis;

namespace Mooring.Server.Generators;

/// <summary>
/// Reads one attributed method into a <see cref="HandlerModel"/>, or says why no invoker can be written for it (the
/// method is then bound by reflection where reflection is allowed).
/// </summary>
internal static class HandlerAnalysis
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.WithMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary>The model, or null with <paramref name="reason"/> set.</summary>
    public static HandlerModel? Analyze(IMethodSymbol method, Compilation compilation, out string? reason)
    {
        reason = Skip(method, compilation);
        if (reason is not null)
        {
            return null;
        }

        string[] parameterTypes = method.Parameters.Select(p => p.Type.ToDisplayString(TypeFormat)).ToArray();
        bool[] nullable = method.Parameters.Select(p => IsNullable(p.Type, p.NullableAnnotation)).ToArray();
        HandlerReturn returns = Classify(method.ReturnType, compilation, out ITypeSymbol? result);
        return new HandlerModel(
            method.ContainingType.ToDisplayString(TypeFormat),
            method.Name,
            method.IsStatic,
            parameterTypes,
            nullable,
            returns,
            result?.ToDisplayString(TypeFormat));
    }

    private static string? Skip(IMethodSymbol method, Compilation compilation)
    {
        if (method.IsGenericMethod)
        {
            return "it is generic";
        }

        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                return "its type is generic";
            }
        }

        if (!compilation.IsSymbolAccessibleWithin(method, compilation.Assembly) || !compilation.IsSymbolAccessibleWithin(method.ContainingType, compilation.Assembly))
        {
            return "it is not accessible from its assembly (make it and its type internal or public)";
        }

        if (method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnType.IsRefLikeType || method.ReturnType is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
        {
            return "it returns by reference or a ref struct";
        }

        if (!IsNameable(method.ReturnType, compilation))
        {
            return "its return type is not accessible from its assembly";
        }

        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return $"parameter '{parameter.Name}' is ref, in, out or params";
            }

            if (parameter.Type.IsRefLikeType || parameter.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol || parameter.Type.SpecialType == SpecialType.System_Void)
            {
                return $"parameter '{parameter.Name}' cannot be boxed";
            }

            if (!IsNameable(parameter.Type, compilation))
            {
                return $"the type of parameter '{parameter.Name}' is not accessible from its assembly";
            }
        }

        if (Classify(method.ReturnType, compilation, out _) == HandlerReturn.Value && DerivesFromTask(method.ReturnType, compilation))
        {
            return "it returns a type derived from Task";
        }

        return null;
    }

    private static bool IsNameable(ITypeSymbol type, Compilation compilation) => type switch
    {
        ITypeParameterSymbol => false,
        IErrorTypeSymbol => false,
        IArrayTypeSymbol array => IsNameable(array.ElementType, compilation),
        INamedTypeSymbol { IsTupleType: true } => false,
        INamedTypeSymbol named => compilation.IsSymbolAccessibleWithin(named, compilation.Assembly)
            && named.TypeArguments.All(t => IsNameable(t, compilation))
            && (named.ContainingType is null || IsNameable(named.ContainingType, compilation)),
        _ => false,
    };

    private static bool IsNullable(ITypeSymbol type, NullableAnnotation annotation) =>
        type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
        || (!type.IsValueType && annotation == NullableAnnotation.Annotated);

    private static HandlerReturn Classify(ITypeSymbol type, Compilation compilation, out ITypeSymbol? result)
    {
        result = null;
        if (type.SpecialType == SpecialType.System_Void)
        {
            return HandlerReturn.Void;
        }

        if (type is INamedTypeSymbol named)
        {
            INamedTypeSymbol? task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            INamedTypeSymbol? taskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            INamedTypeSymbol? valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            INamedTypeSymbol? valueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            if (SymbolEqualityComparer.Default.Equals(named, task))
            {
                return HandlerReturn.Task;
            }

            if (SymbolEqualityComparer.Default.Equals(named, valueTask))
            {
                return HandlerReturn.ValueTask;
            }

            if (named.IsGenericType && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, taskOfT))
            {
                result = named.TypeArguments[0];
                return HandlerReturn.TaskOfT;
            }

            if (named.IsGenericType && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, valueTaskOfT))
            {
                result = named.TypeArguments[0];
                return HandlerReturn.ValueTaskOfT;
            }
        }

        result = type;
        return HandlerReturn.Value;
    }

    private static bool DerivesFromTask(ITypeSymbol type, Compilation compilation)
    {
        INamedTypeSymbol? task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        for (INamedTypeSymbol? t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, task))
            {
                return true;
            }
        }

        return false;
    }
}
