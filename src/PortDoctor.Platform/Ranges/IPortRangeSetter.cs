namespace PortDoctor.Platform.Ranges;

/// <summary>
/// Changes the dynamic port range of this machine and puts it back. <see cref="RangeChange"/>
/// orders the calls: access, lock, capture, backup saved, then apply.
/// </summary>
public interface IPortRangeSetter
{
    /// <summary>The exact commands or writes <see cref="Apply"/> would do, one per line.</summary>
    IReadOnlyList<string> Describe(RangeSetPlan plan);

    /// <summary>The exact commands or writes <see cref="Restore"/> would do.</summary>
    IReadOnlyList<string> DescribeRestore(RangeBackup backup);

    /// <summary>Where a range set here lives (machine, and on Linux the network namespace).</summary>
    RangeScope Scope();

    /// <summary>Fails (exit 77) when a privilege is missing, before anything is written. Null: for a restore.</summary>
    void CheckAccess(RangeSetPlan? plan);

    /// <summary>What <see cref="Apply"/> would replace, read without changing anything.</summary>
    RangeBackup Capture(RangeSetPlan plan);

    /// <summary>
    /// Applies the plan. On failure nothing stays half-changed: the state is put back to
    /// <paramref name="before"/> (the value just before this call) before the exception leaves.
    /// </summary>
    void Apply(RangeSetPlan plan, RangeBackup before);

    void Restore(RangeBackup backup);
}
