namespace PortDoctor.Core.Connections;

/// <summary>What --group-by can group on.</summary>
public enum GroupKey
{
    State,
    Process,
    Pid,
    Remote,
    RemoteIp,
    LocalIp,
}
