namespace PortDoctor.Evidence;

/// <summary>Every format we read; on equal scores the earlier one wins.</summary>
public static class EvidenceFormats
{
    public static IReadOnlyList<IEvidenceFormat> All { get; } =
    [
        new WindowsNetstatFormat(),
        new PowerShellTableFormat(),
        new PowerShellListFormat(),
        new PowerShellCsvFormat(),
        new PowerShellJsonFormat(),
        new GroupObjectFormat(),
        new GetProcessFormat(),
        new TaskListFormat(),
        new NetshFormat(),
        new EventXmlFormat(),
        new EventListFormat(),
        new EventTableFormat(),
        new EventPsTableFormat(),
        new LinuxSsFormat(),
        new LinuxNetstatFormat(),
        new ProcNetFormat(),
        new LsofFormat(),
        new StateCountsFormat(),
        new SysctlFormat(),
        new SockstatFormat(),
        new BsdNetstatFormat(),
        new BsdSockstatFormat(),
    ];

    public static IEvidenceFormat? Find(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
