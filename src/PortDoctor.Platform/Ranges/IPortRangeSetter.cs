namespace PortDoctor.Platform.Ranges;

/// <summary>Changes the dynamic port range of this machine and puts it back.</summary>
public interface IPortRangeSetter
{
    /// <summary>The exact commands or writes <see cref="Apply"/> would do, one per line.</summary>
    IReadOnlyList<string> Describe(RangeSetPlan plan);

    /// <summary>The exact commands or writes <see cref="Restore"/> would do.</summary>
    IReadOnlyList<string> DescribeRestore(RangeBackup backup);

    /// <summary>
    /// Checks privilege first, then applies. Returns what was replaced. On failure nothing stays
    /// half-changed: whatever was applied is put back before the exception leaves.
    /// </summary>
    RangeBackup Apply(RangeSetPlan plan);

    void Restore(RangeBackup backup);
}
