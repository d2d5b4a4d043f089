namespace PortDoctor.Core.Connections;

/// <summary>The command-line spelling of each group key (state, process, pid, remote, remote-ip, local-ip).</summary>
public static class GroupKeyNames
{
    public static readonly IReadOnlyList<string> All = ["state", "process", "pid", "remote", "remote-ip", "local-ip"];

    public static string ToName(this GroupKey key) => key switch
    {
        GroupKey.State => "state",
        GroupKey.Process => "process",
        GroupKey.Pid => "pid",
        GroupKey.Remote => "remote",
        GroupKey.RemoteIp => "remote-ip",
        _ => "local-ip",
    };

    public static bool TryParse(string text, out GroupKey key)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                key = (GroupKey)i;
                return true;
            }
        }

        key = default;
        return false;
    }
}
