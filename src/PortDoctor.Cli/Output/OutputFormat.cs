namespace PortDoctor.Cli.Output;

public enum OutputFormat
{
    Table,
    Json,
    Csv,
}
