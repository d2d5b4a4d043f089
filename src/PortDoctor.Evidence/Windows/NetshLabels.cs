namespace PortDoctor.Evidence.Windows;

/// <summary>
/// The "Start Port" and "Number of Ports" labels of `show dynamicport` in the display languages
/// we have seen. Unknown languages still parse (by order); known labels guard against a block
/// whose lines are swapped or missing.
/// </summary>
internal static class NetshLabels
{
    private static readonly string[] StartLabels =
    [
        "Start Port", // en
        "Startport", // de
        "Port de démarrage", // fr
        "Puerto de inicio", // es
        "Porta iniziale", // it
        "Porta inicial", // pt
        "Beginpoort", // nl
        "Port początkowy", // pl
        "Начальный порт", // ru
        "開始ポート", // ja
        "起始端口", // zh-CN
        "起始連接埠", // zh-TW
        "시작 포트", // ko
        "Başlangıç Bağlantı Noktası", // tr
    ];

    private static readonly string[] CountLabels =
    [
        "Number of Ports", // en
        "Anzahl der Ports", // de
        "Anzahl Ports", // de (older builds)
        "Nombre de ports", // fr
        "Número de puertos", // es
        "Numero di porte", // it
        "Número de portas", // pt
        "Aantal poorten", // nl
        "Liczba portów", // pl
        "Число портов", // ru
        "Количество портов", // ru (other builds)
        "ポート数", // ja
        "端口数", // zh-CN
        "連接埠數目", // zh-TW
        "포트 수", // ko
        "Bağlantı Noktası Sayısı", // tr
    ];

    public static bool IsStartLabel(string label) => Matches(StartLabels, label);

    public static bool IsCountLabel(string label) => Matches(CountLabels, label);

    private static bool Matches(string[] known, string label)
    {
        var trimmed = label.Trim();
        return known.Any(k => string.Equals(k, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}
