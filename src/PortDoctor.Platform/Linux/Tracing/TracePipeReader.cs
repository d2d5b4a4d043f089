using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using PortDoctor.Core;
using PortDoctor.Platform.Linux.Interop;

namespace PortDoctor.Platform.Linux.Tracing;

/// <summary>
/// Reads an instance's trace_pipe (a consuming read) line by line with poll and a short timeout, so
/// a deadline or Ctrl+C ends it; after the stop it drains what is left, so no event is cut off.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class TracePipeReader : IDisposable
{
    private const int PollTimeoutMs = 200;
    private readonly int _fd;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly char[] _chars = new char[(1 << 16) + 4];
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _partial = new();

    public TracePipeReader(string instancePath)
    {
        var path = Path.Combine(instancePath, "trace_pipe");
        _fd = Libc.OpenFile(path, Libc.ORdonly | Libc.ONonblock | Libc.OCloexec);
        if (_fd < 0)
        {
            throw new PortDoctorException($"cannot open {path}: {Marshal.GetLastPInvokeErrorMessage()}", ExitCode.Unavailable);
        }
    }

    /// <summary>Hands each complete line to <paramref name="onLine"/> until <paramref name="stop"/> is cancelled.</summary>
    public void ReadUntil(CancellationToken stop, Action<string> onLine)
    {
        var poll = new Libc.PollFd { Fd = _fd, Events = Libc.PollIn };
        while (!stop.IsCancellationRequested)
        {
            // Read whether or not poll woke: some kernels wake pipe readers only at a buffer watermark.
            Libc.poll(&poll, 1, PollTimeoutMs);
            ReadAvailable(onLine);
        }
    }

    /// <summary>Reads what is buffered now (after the instance stopped recording) and the last partial line.</summary>
    public void Drain(Action<string> onLine)
    {
        ReadAvailable(onLine);
        if (_partial.Length > 0)
        {
            onLine(_partial.ToString());
            _partial.Clear();
        }
    }

    public void Dispose() => Libc.close(_fd);

    private void ReadAvailable(Action<string> onLine)
    {
        while (true)
        {
            nint n;
            fixed (byte* p = _buffer)
            {
                n = Libc.read(_fd, p, _buffer.Length);
            }

            if (n > 0)
            {
                Split(n, onLine);
                continue;
            }

            var errno = n < 0 ? Marshal.GetLastPInvokeError() : 0;
            if (n == 0 || errno == Libc.Eagain)
            {
                return;
            }

            if (errno != Libc.Eintr)
            {
                throw new PortDoctorException($"reading trace_pipe failed: {Marshal.GetPInvokeErrorMessage(errno)}", ExitCode.Unavailable);
            }
        }
    }

    private void Split(nint count, Action<string> onLine)
    {
        // A decoder keeps a UTF-8 character split across two reads whole.
        var length = _utf8.GetChars(_buffer, 0, (int)count, _chars, 0);
        var text = new string(_chars, 0, length);
        var start = 0;
        for (var newline = text.IndexOf('\n', start); newline >= 0; newline = text.IndexOf('\n', start))
        {
            _partial.Append(text, start, newline - start);
            onLine(_partial.ToString());
            _partial.Clear();
            start = newline + 1;
        }

        _partial.Append(text, start, text.Length - start);
    }
}
