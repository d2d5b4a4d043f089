using Spectre.Console;
using Spectre.Console.Rendering;

namespace PortDoctor.Cli.Output;

/// <summary>
/// Spectre's Simple border (a rule under the header and above the footer) on a terminal; its safe
/// form, used where the console has no Unicode (redirected output), draws the same rules with
/// ASCII '-' so a file or pipe gets plain columns and no box-drawing characters.
/// </summary>
internal sealed class RuledTableBorder : TableBorder
{
    public static readonly RuledTableBorder Instance = new(plain: false);
    private static readonly RuledTableBorder PlainInstance = new(plain: true);
    private readonly bool _plain;

    private RuledTableBorder(bool plain) => _plain = plain;

    public override TableBorder? SafeBorder => _plain ? null : PlainInstance;

    public override string GetPart(TableBorderPart part)
    {
        if (!_plain)
        {
            return Simple.GetPart(part);
        }

        return part is TableBorderPart.HeaderBottomLeft or TableBorderPart.HeaderBottom or TableBorderPart.HeaderBottomSeparator
            or TableBorderPart.HeaderBottomRight or TableBorderPart.FooterTopLeft or TableBorderPart.FooterTop
            or TableBorderPart.FooterTopSeparator or TableBorderPart.FooterTopRight
            ? "-"
            : " ";
    }
}
