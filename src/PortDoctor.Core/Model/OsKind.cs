namespace PortDoctor.Core.Model;

public enum OsKind
{
    Unknown,
    Linux,
    Windows,
}
