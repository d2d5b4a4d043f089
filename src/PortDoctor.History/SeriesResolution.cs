namespace PortDoctor.History;

/// <summary>Which tier a series is read from. Auto: the finest tier that still holds the start of the range.</summary>
public enum SeriesResolution
{
    Auto,
    Raw,
    Minute,
    Hour,
}
