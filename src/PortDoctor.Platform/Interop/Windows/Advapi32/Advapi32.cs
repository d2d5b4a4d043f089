using System.Runtime.InteropServices;

namespace PortDoctor.Platform.Interop.Windows;

/// <summary>advapi32.dll: the running Win32 services and the PID hosting each (svchost's services).</summary>
internal static unsafe partial class Advapi32
{
    public const uint ScManagerEnumerateService = 0x0004;
    public const int ScEnumProcessInfo = 0;
    public const uint ServiceWin32 = 0x30;
    public const uint ServiceActive = 0x1;
    public const uint ErrorMoreData = 234;

    /// <summary>ENUM_SERVICE_STATUS_PROCESSW: two string pointers, then SERVICE_STATUS_PROCESS (9 DWORDs).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct EnumServiceStatusProcess
    {
        public char* ServiceName;
        public char* DisplayName;
        public uint ServiceType;
        public uint CurrentState;
        public uint ControlsAccepted;
        public uint Win32ExitCode;
        public uint ServiceSpecificExitCode;
        public uint CheckPoint;
        public uint WaitHint;
        public uint ProcessId;
        public uint ServiceFlags;
    }

    [LibraryImport("advapi32.dll", EntryPoint = "OpenSCManagerW", SetLastError = true, StringMarshalling = StringMarshalling.Utf16)]
    public static partial nint OpenSCManager(string? machineName, string? databaseName, uint desiredAccess);

    [LibraryImport("advapi32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool CloseServiceHandle(nint handle);

    [LibraryImport("advapi32.dll", EntryPoint = "EnumServicesStatusExW", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool EnumServicesStatusEx(
        nint manager,
        int infoLevel,
        uint serviceType,
        uint serviceState,
        byte* services,
        uint bufferSize,
        out uint bytesNeeded,
        out uint servicesReturned,
        ref uint resumeHandle,
        char* groupName);
}
