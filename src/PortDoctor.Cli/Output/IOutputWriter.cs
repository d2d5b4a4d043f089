namespace PortDoctor.Cli.Output;

/// <summary>Prints a document in one format. Every verb goes through this; none formats by hand.</summary>
internal interface IOutputWriter
{
    void Write<T>(OutputDocument<T> document);
}
