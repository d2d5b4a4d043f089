using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using PortDoctor.Core;

namespace PortDoctor.Platform.Lab;

/// <summary>
/// Named network namespaces are bind mounts under /run/netns. Removing one is what `ip netns
/// delete` does (a lazy unmount, then unlink), done here in-process so no signal sent to the
/// lab's process group can kill the deletion half-way, as it could kill an `ip` child.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class NamespaceFiles
{
    public const string Directory = "/run/netns";
    private const int MntDetach = 2;
    private const int Enoent = 2;
    private const int Einval = 22;

    public static string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>Removes the namespace's name; the namespace itself goes when its last process has gone too.</summary>
    public static void Remove(string name)
    {
        var path = PathOf(name);

        // EINVAL: not a mount point (an `ip netns add` stopped before it mounted); ENOENT: never created.
        if (umount2(path, MntDetach) != 0 && Marshal.GetLastPInvokeError() is not (Einval or Enoent) and var umountError)
        {
            throw new PortDoctorException($"lab: cannot unmount {path}: {Marshal.GetPInvokeErrorMessage(umountError)}", ExitCode.Unavailable);
        }

        if (unlink(path) != 0 && Marshal.GetLastPInvokeError() is not Enoent and var unlinkError)
        {
            throw new PortDoctorException($"lab: cannot remove {path}: {Marshal.GetPInvokeErrorMessage(unlinkError)}", ExitCode.Unavailable);
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int unlink(string path);
}
