using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace PortDoctor.Platform.Interop.Windows;

/// <summary>
/// ntdll.dll and kernel32.dll calls to read another process's command line, which .NET's Process
/// does not expose. ProcessCommandLineInformation (60) exists since Windows 8.1 / Server 2012 R2
/// and needs only PROCESS_QUERY_LIMITED_INFORMATION.
/// </summary>
internal static unsafe partial class NtDll
{
    public const int ProcessCommandLineInformation = 60;
    public const uint ProcessQueryLimitedInformation = 0x1000;

    [LibraryImport("ntdll.dll")]
    public static partial int NtQueryInformationProcess(
        SafeProcessHandle process, int informationClass, byte* information, uint length, out uint returnLength);

    [LibraryImport("kernel32.dll", SetLastError = true)]
    public static partial SafeProcessHandle OpenProcess(
        uint desiredAccess, [MarshalAs(UnmanagedType.Bool)] bool inheritHandle, uint processId);
}
