using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PortDoctor.Platform.Interop.Windows;

namespace PortDoctor.Platform.Windows;

/// <summary>Running Win32 services by hosting PID, so an svchost.exe row can name what it runs.</summary>
[SupportedOSPlatform("windows")]
internal static class WindowsServiceMap
{
    public static unsafe Dictionary<int, List<string>> Read()
    {
        var map = new Dictionary<int, List<string>>();
        var manager = Advapi32.OpenSCManager(null, null, Advapi32.ScManagerEnumerateService);
        if (manager == 0)
        {
            return map;
        }

        try
        {
            uint resume = 0;
            var buffer = new byte[64 * 1024];
            while (true)
            {
                bool ok;
                uint needed;
                uint returned;
                fixed (byte* data = buffer)
                {
                    ok = Advapi32.EnumServicesStatusEx(
                        manager, Advapi32.ScEnumProcessInfo, Advapi32.ServiceWin32, Advapi32.ServiceActive,
                        data, (uint)buffer.Length, out needed, out returned, ref resume, null);
                    var rows = (Advapi32.EnumServiceStatusProcess*)data;
                    for (var i = 0; i < returned; i++)
                    {
                        var pid = (int)rows[i].ProcessId;
                        if (pid == 0 || rows[i].ServiceName == null)
                        {
                            continue;
                        }

                        if (!map.TryGetValue(pid, out var names))
                        {
                            map[pid] = names = [];
                        }

                        names.Add(new string(rows[i].ServiceName));
                    }
                }

                if (ok)
                {
                    return map;
                }

                if (Marshal.GetLastPInvokeError() != Advapi32.ErrorMoreData)
                {
                    return map;
                }

                if (needed > buffer.Length)
                {
                    buffer = new byte[needed];
                }
            }
        }
        finally
        {
            Advapi32.CloseServiceHandle(manager);
        }
    }
}
