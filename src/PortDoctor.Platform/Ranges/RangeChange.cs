using PortDoctor.Core;

namespace PortDoctor.Platform.Ranges;

/// <summary>
/// `range set --yes` and `range rollback --yes` as one ordered, locked change: privilege checked,
/// the state lock taken, the backup validated and checked to belong here, the backup saved and
/// synced BEFORE the kernel (or sysctl.d) is touched. A kill at any moment leaves either nothing
/// changed or a change whose backup `rollback` restores.
/// </summary>
public sealed class RangeChange(IPortRangeSetter setter, RangeBackupStore store, TimeProvider time)
{
    /// <summary>Applies the plan. Returns the earlier backup that was kept, or null when this run made the first.</summary>
    public RangeBackup? Set(RangeSetPlan plan)
    {
        setter.CheckAccess(plan);
        using var held = RangeStateLock.Acquire(store.Directory, time);
        store.SweepTemps();
        var earlier = LoadHere();
        var before = setter.Capture(plan);
        var keep = earlier switch
        {
            null => before,

            // The first set did not persist: the file this one writes must go on rollback too.
            { PersistFile: null } when before.PersistFile is not null =>
                earlier with { PersistFile = before.PersistFile, PersistPrevious = before.PersistPrevious },
            _ => earlier,
        };
        if (!ReferenceEquals(keep, earlier))
        {
            store.Save(keep);
        }

        try
        {
            setter.Apply(plan, before);
        }
        catch
        {
            PutBack(earlier, keep);
            throw;
        }

        return earlier;
    }

    /// <summary>
    /// Restores the backup and removes it. Returns what was restored. The backup is read under the
    /// lock (a set running at the same time cannot change it in between) and shown through
    /// <paramref name="describe"/> before anything changes; temp files a killed run left are swept
    /// even when there is nothing to roll back.
    /// </summary>
    public RangeBackup Rollback(Action<RangeBackup>? describe = null)
    {
        setter.CheckAccess(null);
        using var held = RangeStateLock.Acquire(store.Directory, time);
        store.SweepTemps();
        var backup = LoadForRollback();
        describe?.Invoke(backup);

        // The backup is removed after the restore: a state dir that cannot take that must fail first.
        store.CheckWritable();
        setter.Restore(backup);
        store.Delete();
        return backup;
    }

    /// <summary>The backup a rollback would restore (validated as <see cref="LoadHere"/>); none is an error.</summary>
    public RangeBackup LoadForRollback() => LoadHere()
        ?? throw new PortDoctorException($"nothing to roll back: no backup at {store.FilePath}", ExitCode.Unavailable);

    /// <summary>The backup, validated, when it belongs to this machine and network namespace.</summary>
    public RangeBackup? LoadHere()
    {
        var backup = store.Load();
        var here = setter.Scope();
        if (backup is not null && backup.Scope != here)
        {
            throw new PortDoctorException(
                $"{store.FilePath}: the backup is for {backup.Scope}, this is {here}: nothing changed " +
                "(roll back there, or give this one its own --state-dir)",
                ExitCode.BadInput);
        }

        return backup;
    }

    private void PutBack(RangeBackup? earlier, RangeBackup saved)
    {
        if (ReferenceEquals(saved, earlier))
        {
            return;
        }

        try
        {
            if (earlier is null)
            {
                store.Delete();
            }
            else
            {
                store.Save(earlier);
            }
        }
        catch (PortDoctorException)
        {
            // The backup just saved stays: it still restores the state before PortDoctor's first change.
        }
        catch (IOException)
        {
            // As above.
        }
    }
}
