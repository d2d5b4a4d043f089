using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using PortDoctor.Platform.Windows;

// A host at exhaustion: every port of 1025-65535 held by one IPv4 TCP row (64,511 rows), plus
// 16,384 IPv6 rows. Tables are built per the MIB_*_OWNER_PID layouts, then decoded repeatedly.
const int Iterations = 20;
var tcp4 = Table4(64_511);
var tcp6 = Table6(16_384);

Measure("MIB_TCPTABLE_OWNER_PID, 64,511 rows", () => IpHelperTableDecoder.DecodeTcp4(tcp4).Count);
Measure("MIB_TCP6TABLE_OWNER_PID, 16,384 rows", () => IpHelperTableDecoder.DecodeTcp6(tcp6).Count);
return 0;

static void Measure(string name, Func<int> decode)
{
    decode(); // warm-up (JIT)
    var times = new List<double>();
    long allocated = 0;
    for (var i = 0; i < Iterations; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        decode();
        times.Add(watch.Elapsed.TotalMilliseconds);
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
    }

    times.Sort();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: median {times[Iterations / 2]:0.0} ms, min {times[0]:0.0} ms, max {times[^1]:0.0} ms, {allocated / 1024.0 / 1024.0:0.0} MiB allocated per decode"));
}

static byte[] Table4(int rows)
{
    var bytes = new byte[4 + (rows * IpHelperTableDecoder.TcpRowSize)];
    BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)rows);
    for (var i = 0; i < rows; i++)
    {
        var row = bytes.AsSpan(4 + (i * IpHelperTableDecoder.TcpRowSize));
        BinaryPrimitives.WriteUInt32LittleEndian(row, 5); // ESTABLISHED
        row[4] = 10;
        row[7] = (byte)(i % 250);
        BinaryPrimitives.WriteUInt16BigEndian(row[8..], (ushort)(1025 + i));
        row[12] = 10;
        row[13] = 9;
        BinaryPrimitives.WriteUInt16BigEndian(row[16..], 443);
        BinaryPrimitives.WriteUInt32LittleEndian(row[20..], (uint)(1000 + (i % 40)));
    }

    return bytes;
}

static byte[] Table6(int rows)
{
    var bytes = new byte[4 + (rows * IpHelperTableDecoder.Tcp6RowSize)];
    BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)rows);
    for (var i = 0; i < rows; i++)
    {
        var row = bytes.AsSpan(4 + (i * IpHelperTableDecoder.Tcp6RowSize));
        row[0] = 0x20;
        row[1] = 0x01;
        row[15] = (byte)i;
        BinaryPrimitives.WriteUInt16BigEndian(row[20..], (ushort)(49152 + (i % 16384)));
        row[24] = 0xfe;
        row[25] = 0x80;
        row[39] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(row[40..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(row[44..], 443);
        BinaryPrimitives.WriteUInt32LittleEndian(row[48..], 11); // TIME_WAIT
    }

    return bytes;
}
