namespace Mooring.Extensions.Skills;

/// <summary>
/// Where skills come from. The extension asks for them once, when the server is built, and serves that snapshot:
/// entries, digests and directory listings never change while the server runs. Reads go back to the provider, which
/// must hand out exactly the bytes it described (the size and digest of the <see cref="McpSkillFile"/>), or nothing.
/// </summary>
public abstract class McpSkillProvider
{
    /// <summary>Loads every skill. Called once per server, before it serves anything; problems with one skill should skip that skill, not fail them all.</summary>
    public abstract IReadOnlyList<McpSkillDefinition> LoadSkills();

    /// <summary>
    /// Reads one file of a skill this provider loaded. Returns null when the file can no longer be served as
    /// described (it changed or disappeared since <see cref="LoadSkills"/>): a client must never get bytes that do
    /// not match the digest it was given.
    /// </summary>
    /// <param name="skill">The skill, as <see cref="LoadSkills"/> returned it.</param>
    /// <param name="file">The file, one of <see cref="McpSkillDefinition.Files"/>.</param>
    /// <param name="cancellationToken">Fires when the request is abandoned.</param>
    public abstract ValueTask<ReadOnlyMemory<byte>?> ReadAsync(McpSkillDefinition skill, McpSkillFile file, CancellationToken cancellationToken);
}
