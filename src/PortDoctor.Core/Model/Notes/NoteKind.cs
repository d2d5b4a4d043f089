namespace PortDoctor.Core.Model;

/// <summary>What a <see cref="Note"/> says; its wire name is in <see cref="NoteNames"/>, its sentence in the CLI.</summary>
public enum NoteKind
{
    // The live Linux host
    SockDiagRefused,
    ProcNetLineSkipped,
    SocketTableUnreadable,
    OwnersLimitedToProcesses,
    InodesWithoutProcess,
    SocketFdsInNoTable,
    KernelLogNotStarted,
    KernelLogTimedOut,
    KernelLogUnavailable,
    KernelLogRefused,

    // The live Windows host
    NotAdministrator,
    ProcessesDenied,
    BoundSocketsUnlisted,
    NetshGaveNoRange,
    NetshUnreadable,
    CommandFailed,
    CommandNotRun,
    RegistryUnreadable,
    MaxUserPortIgnored,
    TcpipEventsUnread,

    // Reading files (any format)
    SourceRead,
    UnreadableLines,
    EmptyFile,
    UnknownFormat,
    EndsInsideLine,
    LastSampleCut,
    NestedArchiveSkipped,
    BundleManifestSkipped,
    BundleHistorySkipped,
    LinePrefixStripped,
    NoTimeInFile,

    // Merging files
    RangeAssumedFromSibling,
    LinuxRangeAssumed,
    WindowsRangeAssumed,
    RangeAssumed,
    SocketsMergedFromFile,
    LatestSnapshotUsed,
    ProcessListMerged,

    // netsh
    NetshWithoutTitle,
    NetshFamilyAssumed,
    ExclusionsIgnored,
    ExclusionsBothFamilies,

    // Windows netstat
    NoPidColumn,
    NoPidColumnImageNames,
    OwnershipUnavailable,
    TimeWaitWithoutOwner,
    UnknownStateName,
    TimestampsWithoutZone,
    DatesReadDayFirst,
    HostNamesForAddresses,
    UnknownServiceNames,

    // PowerShell
    NoOwningProcessValues,
    NoOwningProcessProperty,
    NoOwningProcessColumn,
    TemplatesDiffer,
    GroupObjectCountsOnly,
    GroupedWithoutState,
    JsonDamaged,
    JsonTrailingText,
    TableCellsCut,

    // Events
    EventXmlDamaged,
    OtherEventsIgnored,
    EventsWithoutDate,
    EventsWithoutYear,
    EventIdsFromMessage,
    NoConfirmingEvents,

    // Process lists and counts
    TaskListProcesses,
    ProcessListWithHandles,
    ProcessListNamesOnly,
    StateCountsOnly,

    // Linux files
    NetstatWithoutPid,
    NetstatOwnerDash,
    NetstatUntimedTables,
    UnknownStateNames,
    IPv6AddressesCut,
    TimeZoneUnresolved,
    SsWithoutProcess,
    SsSummaryOnly,
    SsWithoutNetid,
    SsUntimedTables,
    SsDetailLines,
    SsStateFromCommand,
    SsStateFromFileName,
    SsStateUnknown,
    SockstatTotalsOnly,
    TwoNumbersAsLinuxRange,
    ProcNetWithoutPids,
    LsofWithoutTimeWait,
    LsofNonSocketRows,
    LsofWarnings,

    // BSD and macOS files
    BsdWithoutProcess,
    BsdNotModelled,
    SockstatNonSocketRows,
    SockstatWithoutState,

    // The CLI's own
    OfflineNoProbe,
    HistoryNotForNamespace,
    HistoryFileMissing,
    HistoryUnreadable,
    HistoryUsed,
    OwnerlessSockets,
    NamelessOwners,
}
