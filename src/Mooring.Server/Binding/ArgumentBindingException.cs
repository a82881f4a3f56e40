namespace Mooring.Server;

/// <summary>An argument could not be bound. Its message is written for the client and names no internals.</summary>
internal sealed class ArgumentBindingException(string message) : Exception(message);
