namespace Mooring.Probe.Tests.InProcess;

/// <summary>
/// Tests that measure this process's managed heap. They run alone (no other test class of the assembly runs at the
/// same time), since another test's allocations would show up in their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "Heap measurement";
}
