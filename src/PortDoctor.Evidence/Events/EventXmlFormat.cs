using System.Xml;

namespace PortDoctor.Evidence.Events;

/// <summary>
/// <c>wevtutil qe System /f:xml</c> (a sequence of &lt;Event&gt; elements with no root, possibly
/// with /f:RenderedXml's &lt;RenderingInfo&gt;&lt;Message&gt;) and Event Viewer's "Save as XML".
/// </summary>
internal sealed class EventXmlFormat : IEvidenceFormat
{
    public string Name => "events-xml";

    public string Description => "Tcpip 4227/4231 events: wevtutil qe /f:xml, Event Viewer XML";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return sample.Text.TrimStart().StartsWith('<') && sample.Contains("<Event") ? 95 : 0;
    }

    public IEvidenceLineReader Start(EvidenceCollector collector) => new EventXmlReader(collector);
}
