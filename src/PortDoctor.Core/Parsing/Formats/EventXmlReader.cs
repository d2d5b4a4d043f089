using System.Xml;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>Reads the XML events; see <see cref="EventXmlFormat"/>.</summary>
internal sealed class EventXmlReader : IEvidenceLineReader
{
    private readonly EvidenceCollector _collector;
    private readonly TcpipEvents _events;
    private readonly System.Text.StringBuilder _text = new();

    public EventXmlReader(EvidenceCollector collector)
    {
        _collector = collector;
        _collector.Os = OsKind.Windows;
        _events = new TcpipEvents(collector);
    }

    public void Line(ReadOnlySpan<char> line, long number) => _text.Append(line).Append('\n');

    public void Finish()
    {
        var settings = new XmlReaderSettings { ConformanceLevel = ConformanceLevel.Fragment, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(_text.ToString()), settings);
        var info = (IXmlLineInfo)reader;
        string? id = null, time = null, provider = null, message = null;
        var data = new List<string>();
        long eventLine = 0;
        try
        {
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "Event")
                {
                    if (!_events.Add(id, time, provider, message ?? string.Join(" ", data)))
                    {
                        _collector.Unreadable(eventLine);
                    }

                    (id, time, provider, message) = (null, null, null, null);
                    data.Clear();
                }
                else if (reader.NodeType == XmlNodeType.Element)
                {
                    // ReadElementContentAsString moves past the element: do not Read() again after it.
                    switch (reader.LocalName)
                    {
                        case "EventID":
                            id = reader.ReadElementContentAsString();
                            continue;
                        case "Message":
                            message = reader.ReadElementContentAsString();
                            continue;
                        case "Data":
                            data.Add(reader.ReadElementContentAsString());
                            continue;
                        case "Event":
                            eventLine = info.LineNumber;
                            break;
                        case "Provider":
                            provider = reader.GetAttribute("Name") ?? provider;
                            break;
                        case "TimeCreated":
                            time = reader.GetAttribute("SystemTime");
                            break;
                        default:
                            break;
                    }
                }

                reader.Read();
            }
        }
        catch (XmlException ex)
        {
            _collector.Unreadable(ex.LineNumber);
            _collector.Note("the XML ends early or is damaged: events after the damage were not read");
        }

        _events.Finish();
    }
}
