namespace Mooring.Protocol;

/// <summary>Which notifications a <c>subscriptions/listen</c> stream carries; unset members are not delivered.</summary>
public sealed class SubscriptionFilter
{
    /// <summary>Deliver <c>notifications/tools/list_changed</c>.</summary>
    public bool? ToolsListChanged { get; set; }

    /// <summary>Deliver <c>notifications/prompts/list_changed</c>.</summary>
    public bool? PromptsListChanged { get; set; }

    /// <summary>Deliver <c>notifications/resources/list_changed</c>.</summary>
    public bool? ResourcesListChanged { get; set; }

    /// <summary>Deliver <c>notifications/resources/updated</c> for these URIs.</summary>
    public IReadOnlyList<string>? ResourceSubscriptions { get; set; }

    /// <summary>Deliver <c>notifications/tasks</c> for these task ids (tasks extension).</summary>
    public IReadOnlyList<string>? TaskIds { get; set; }
}
