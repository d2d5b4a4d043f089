using System.Net;

namespace PortDoctor.Evidence.Tests.Etw;

/// <summary>Payloads in the manifests' field order, built byte by byte.</summary>
internal static class EtwFixtures
{
    public static byte[] CreateOpen(ulong endpoint, uint pid) =>
        new Payload().U32(1).U32(10).U64(0xFFFF_B000_0000_0001).U64(endpoint).U32(2).U32(1).U32(6).U64(pid).U32(0).Bytes();

    public static byte[] Bind(ulong endpoint, uint status, byte[]? address = null)
    {
        var payload = new Payload().U32(1).U32(20).U64(0xFFFF_B000_0000_0001).U64(endpoint).U32(status);
        return (address is null ? payload : payload.Blob(address)).Bytes();
    }

    public static byte[] SockaddrIn(byte a, byte b, byte c, byte d, ushort port) =>
        [2, 0, (byte)(port >> 8), (byte)port, a, b, c, d, 0, 0, 0, 0, 0, 0, 0, 0];

    public static byte[] SockaddrIn6(IPAddress address, ushort port) =>
        [23, 0, (byte)(port >> 8), (byte)port, 0, 0, 0, 0, .. address.GetAddressBytes(), 0, 0, 0, 0];

    internal sealed class Payload
    {
        private readonly MemoryStream _bytes = new();

        public Payload U32(uint value)
        {
            _bytes.Write(BitConverter.GetBytes(value));
            return this;
        }

        public Payload U64(ulong value)
        {
            _bytes.Write(BitConverter.GetBytes(value));
            return this;
        }

        public Payload Blob(byte[] bytes)
        {
            U32((uint)bytes.Length);
            _bytes.Write(bytes);
            return this;
        }

        public byte[] Bytes() => _bytes.ToArray();
    }
}
