namespace PortDoctor.Evidence.Text;

/// <summary>
/// Scores how plausible a decoding of an OEM-encoded capture is: words Windows prints in each
/// display language count a lot, letters of one script count a little, and box-drawing or
/// replacement characters (what a wrong code page produces) count against.
/// </summary>
internal static class OemPlausibility
{
    private static readonly string[] Words =
    [
        "ABHÖREN", "Aktive Verbindungen", "Lokale Adresse", "Remoteadresse", "Anschlüsse", "Protokoll",
        "Dirección", "Endereço", "Conexões", "État", "połączenia", "Protokół", "NASŁUCHIWANIE", "USTANOWIONO",
        "Активные", "подключения", "Локальный", "Внешний", "Состояние", "СЛУШАЕТ", "УСТАНОВЛЕНО",
        "アクティブな接続", "ローカル", "外部アドレス", "状態", "活动连接", "本地地址", "外部地址", "协议", "状态",
        "Číslo", "portů", "Počáteční", "Начальный", "Число", "Startport", "Anzahl", "開始ポート", "起始端口",
    ];

    public static int Score(string text)
    {
        var score = 0;
        foreach (var word in Words)
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                score += 1000;
            }
        }

        foreach (var c in text)
        {
            if (c == '\uFFFD')
            {
                score -= 20;
            }
            else if (c is >= '\u2500' and <= '\u259F')
            {
                // Box drawing and blocks: what Cyrillic or accented bytes look like in the wrong page.
                score -= 5;
            }
            else if (char.IsLetter(c) && c > '\u007F')
            {
                score += 1;
            }
        }

        return score;
    }
}
