using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PortDoctor.Platform.Interop.Windows;

/// <summary>dbghelp.dll's MiniDumpWriteDump: what Task Manager's "Create dump file" and `procdump -ma` call.</summary>
internal static partial class DbgHelp
{
    /// <summary>PROCESS_QUERY_INFORMATION | PROCESS_VM_READ: what MiniDumpWriteDump needs of the target.</summary>
    public const uint ProcessQueryAndRead = 0x0400 | 0x0010;

    /// <summary>
    /// MINIDUMP_TYPE: MiniDumpWithFullMemory (0x2) | MiniDumpWithHandleData (0x4) | MiniDumpWithUnloadedModules (0x20)
    /// | MiniDumpWithFullMemoryInfo (0x800) | MiniDumpWithThreadInfo (0x1000): procdump -ma's set, for WinDbg's !handle.
    /// </summary>
    public const uint FullMemoryDump = 0x2 | 0x4 | 0x20 | 0x800 | 0x1000;

    [LibraryImport("dbghelp.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool MiniDumpWriteDump(
        SafeProcessHandle process, uint processId, SafeFileHandle file, uint dumpType, nint exceptionParam, nint userStreamParam, nint callbackParam);
}
