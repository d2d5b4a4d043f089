using System.Collections.Frozen;

namespace PortDoctor.Evidence.Text;

/// <summary>
/// State names as netstat prints them in Windows display languages (older Windows translated
/// them; newer ones print the English names) and Linux net-tools translations. Keys are compared
/// after upper-casing and dropping '_', '-', ' ' and '.', so "FIN_WARTEN_2" and "FIN-WARTEN2" match.
/// Spellings outside this table fall back to the English forms of <see cref="SocketStateNames"/>,
/// then to a repair of a wrong code page.
/// </summary>
internal static class LocalizedStateNames
{
    private static readonly FrozenDictionary<string, SocketState> Names = new Dictionary<string, SocketState>
    {
        // German (Windows netstat and Linux net-tools de.po)
        ["ABHÖREN"] = SocketState.Listen,
        ["ABHOEREN"] = SocketState.Listen,
        ["HERGESTELLT"] = SocketState.Established,
        ["VERBUNDEN"] = SocketState.Established,
        ["WARTEND"] = SocketState.TimeWait,
        ["ZEITWARTEN"] = SocketState.TimeWait,
        ["SCHLIESSENWARTEN"] = SocketState.CloseWait,
        ["SCHLIEßENWARTEN"] = SocketState.CloseWait,
        ["FINWARTEN1"] = SocketState.FinWait1,
        ["FINWARTEN2"] = SocketState.FinWait2,
        ["SYNGESENDET"] = SocketState.SynSent,
        ["SYNEMPFANGEN"] = SocketState.SynReceived,
        ["LETZTESACK"] = SocketState.LastAck,
        ["GESCHLOSSEN"] = SocketState.Closed,
        ["SCHLIESSEND"] = SocketState.Closing,
        ["SCHLIEßEND"] = SocketState.Closing,
        ["GEBUNDEN"] = SocketState.Bound,
        ["LAUSCHEN"] = SocketState.Listen,
        ["LAUSCHT"] = SocketState.Listen,
        ["HÖREN"] = SocketState.Listen,
        ["HOEREN"] = SocketState.Listen,
        ["SCHLIESSEN"] = SocketState.Closing,
        ["SCHLIEßEN"] = SocketState.Closing,

        // French
        ["ÉCOUTE"] = SocketState.Listen,
        ["ECOUTE"] = SocketState.Listen,
        ["ÀL'ÉCOUTE"] = SocketState.Listen,
        ["ENÉCOUTE"] = SocketState.Listen,
        ["ÉTABLI"] = SocketState.Established,
        ["ÉTABLIE"] = SocketState.Established,
        ["ETABLI"] = SocketState.Established,
        ["ETABLIE"] = SocketState.Established,
        ["ATTENTEFERMETURE"] = SocketState.CloseWait,
        ["FERMÉ"] = SocketState.Closed,
        ["FERME"] = SocketState.Closed,
        ["LIÉ"] = SocketState.Bound,
        ["LIE"] = SocketState.Bound,

        // Spanish
        ["ESCUCHANDO"] = SocketState.Listen,
        ["ESTABLECIDO"] = SocketState.Established,
        ["ESTABLECIDA"] = SocketState.Established,
        ["ESPERACIERRE"] = SocketState.CloseWait,
        ["CERRARESPERA"] = SocketState.CloseWait,
        ["SYNENVIADO"] = SocketState.SynSent,
        ["SYNRECIBIDO"] = SocketState.SynReceived,
        ["CERRADO"] = SocketState.Closed,
        ["CERRANDO"] = SocketState.Closing,
        ["ENLAZADO"] = SocketState.Bound,
        ["ESPERATIEMPO"] = SocketState.TimeWait,

        // Italian
        ["INASCOLTO"] = SocketState.Listen,
        ["ASCOLTO"] = SocketState.Listen,
        ["STABILITA"] = SocketState.Established,
        ["STABILITO"] = SocketState.Established,
        ["CHIUSO"] = SocketState.Closed,
        ["ASSOCIATO"] = SocketState.Bound,

        // Portuguese
        ["ESCUTANDO"] = SocketState.Listen,
        ["ESCUTA"] = SocketState.Listen,
        ["ESTABELECIDA"] = SocketState.Established,
        ["ESTABELECIDO"] = SocketState.Established,
        ["ESPERAFECHAR"] = SocketState.CloseWait,
        ["AGUARDANDOFECHAMENTO"] = SocketState.CloseWait,
        ["FECHADO"] = SocketState.Closed,
        ["VINCULADO"] = SocketState.Bound,
        ["ESPERATEMPORIZADA"] = SocketState.TimeWait,

        // Portuguese (Brazil), Linux net-tools 2.10 pt_BR.po (netstat -tan with LANG=pt_BR.UTF-8)
        ["OUÇA"] = SocketState.Listen,
        ["OUCA"] = SocketState.Listen,
        ["ESPERANDOFECHAR"] = SocketState.CloseWait,
        ["ESPERAFIN1"] = SocketState.FinWait1,
        ["ESPERAFIN2"] = SocketState.FinWait2,
        ["SYNRECEBIDO"] = SocketState.SynReceived,
        ["ÚLTIMOACK"] = SocketState.LastAck,
        ["ULTIMOACK"] = SocketState.LastAck,
        ["FECHAR"] = SocketState.Closed,
        ["FECHANDO"] = SocketState.Closing,

        // Czech, Linux net-tools 2.10 cs.po ("POSLEDNÍ ACK" is two words in the row)
        ["NASLOUCHÁ"] = SocketState.Listen,
        ["NASLOUCHA"] = SocketState.Listen,
        ["SPOJENO"] = SocketState.Established,
        ["ZAVŘEN"] = SocketState.Closed,
        ["ZAVREN"] = SocketState.Closed,
        ["ZAVÍRÁ"] = SocketState.Closing,
        ["ZAVIRA"] = SocketState.Closing,
        ["POSLEDNÍACK"] = SocketState.LastAck,
        ["POSLEDNIACK"] = SocketState.LastAck,

        // Russian
        ["СЛУШАЕТ"] = SocketState.Listen,
        ["ПРОСЛУШИВАНИЕ"] = SocketState.Listen,
        ["УСТАНОВЛЕНО"] = SocketState.Established,
        ["ОЖИДАНИЕ"] = SocketState.TimeWait,
        ["ЗАКРЫТ"] = SocketState.Closed,
        ["ЗАКРЫТО"] = SocketState.Closed,
        ["ПРИВЯЗАН"] = SocketState.Bound,
        ["ОЖИДАНИЕЗАКРЫТИЯ"] = SocketState.CloseWait,

        // Polish
        ["NASŁUCHIWANIE"] = SocketState.Listen,
        ["NASLUCHIWANIE"] = SocketState.Listen,
        ["USTANOWIONO"] = SocketState.Established,
        ["USTANOWIONE"] = SocketState.Established,
        ["CZASOCZEKIWANIA"] = SocketState.TimeWait,
        ["ZAMKNIJCZEKAJ"] = SocketState.CloseWait,
        ["OCZEKIWANIENAZAMKNIĘCIE"] = SocketState.CloseWait,
        ["ZAMKNIĘTE"] = SocketState.Closed,
        ["ZAMKNIETE"] = SocketState.Closed,
        ["POWIĄZANY"] = SocketState.Bound,

        // Japanese, Chinese, Korean (Windows prints English names there; these are the translated tools' forms)
        ["待ち受け"] = SocketState.Listen,
        ["確立"] = SocketState.Established,
        ["监听"] = SocketState.Listen,
        ["侦听"] = SocketState.Listen,
        ["已建立"] = SocketState.Established,
        ["수신대기"] = SocketState.Listen,
        ["연결됨"] = SocketState.Established,
        ["대기중"] = SocketState.Listen,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Any spelling we know, English or localized, after the normalisation described above.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SocketState state)
    {
        // The spellings that fill large files, compared as they are before any normalising.
        state = text switch
        {
            "ESTABLISHED" => SocketState.Established,
            "TIME_WAIT" => SocketState.TimeWait,
            "LISTENING" => SocketState.Listen,
            "CLOSE_WAIT" => SocketState.CloseWait,
            "BOUND" => SocketState.Bound,
            "SYN_SENT" => SocketState.SynSent,
            "FIN_WAIT_2" => SocketState.FinWait2,
            _ => SocketState.Unknown,
        };
        if (state != SocketState.Unknown || SocketStateNames.TryParse(text, out state))
        {
            return true;
        }

        Span<char> buffer = stackalloc char[40];
        var length = 0;
        foreach (var c in text)
        {
            if (c is '_' or '-' or ' ' or '.')
            {
                continue;
            }

            if (length == buffer.Length)
            {
                return false;
            }

            buffer[length++] = char.ToUpperInvariant(c);
        }

        var lookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(buffer[..length], out state))
        {
            return true;
        }

        // "ABH?REN": the Ö already lost to a wrong code page (™, ”, �, ...). Nothing else looks like it.
        if (length == 7 && buffer[..3].SequenceEqual("ABH") && buffer[4..7].SequenceEqual("REN"))
        {
            state = SocketState.Listen;
            return true;
        }

        state = SocketState.Unknown;
        return false;
    }
}
