namespace PortDoctor.HealthChecks;

/// <summary>Whose sockets the check resolves to a process.</summary>
public enum OwnerScope
{
    /// <summary>This application's own process only (Linux: reads /proc/self's fd table, nothing else). The default.</summary>
    Self,

    /// <summary>Every process (Linux: walks every /proc/[pid]/fd; root to see other users'), for the top 5 processes.</summary>
    All,
}
