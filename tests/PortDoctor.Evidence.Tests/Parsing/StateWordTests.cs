using System.Text;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.PowerShell;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary><see cref="StateWord"/>'s table of English names (compared in two loads) against <see cref="PowerShellConnection.TryState"/>.</summary>
public sealed class StateWordTests
{
    private static readonly string[] Names =
        ["Established", "SynSent", "SynReceived", "FinWait1", "FinWait2", "TimeWait", "Closed", "CloseWait", "LastAck", "Listen", "Closing", "Bound", "DeleteTCB"];

    [Fact]
    public void Every_near_miss_of_a_state_name_reads_as_TryState_reads_it()
    {
        var checkedWords = 0;
        foreach (var name in Names)
        {
            foreach (var word in NearMisses(Encoding.ASCII.GetBytes(name)))
            {
                var fast = StateWord.TryParse(word, out var fastState);
                var general = PowerShellConnection.TryState(Encoding.ASCII.GetString(word), out var generalState);
                Assert.True(fast == general && (!fast || fastState == generalState), $"'{Encoding.ASCII.GetString(word)}': {fast} {fastState}, TryState {general} {generalState}");
                checkedWords++;
            }
        }

        Assert.True(checkedWords > 1000, $"{checkedWords} words");
    }

    /// <summary>The name itself, every one-byte change (case, a neighbour, a blank, a digit, a comma), every cut and every byte added.</summary>
    private static IEnumerable<byte[]> NearMisses(byte[] name)
    {
        yield return name;
        for (var at = 0; at < name.Length; at++)
        {
            foreach (var b in new[] { (byte)(name[at] ^ 0x20), (byte)(name[at] + 1), (byte)(name[at] - 1), (byte)' ', (byte)'1', (byte)',', (byte)'x' })
            {
                var changed = (byte[])name.Clone();
                changed[at] = b;
                yield return changed;
            }

            yield return [.. name[..at], .. name[(at + 1)..]];
            foreach (var b in new[] { (byte)'a', (byte)'T', (byte)'1', (byte)',' })
            {
                yield return [.. name[..at], b, .. name[at..]];
            }
        }

        for (var length = 0; length < name.Length; length++)
        {
            yield return name[..length];
        }

        foreach (var b in new[] { (byte)'s', (byte)'1', (byte)',', (byte)' ' })
        {
            yield return [.. name, b];
        }
    }
}
