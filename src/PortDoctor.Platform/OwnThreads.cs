using System.Runtime.ExceptionServices;

namespace PortDoctor.Platform;

/// <summary>
/// Work beside the calling thread on threads that end with it, never on the thread pool's. On Linux a
/// thread is made in the network namespace of the thread that makes it, for life, and the pool makes
/// its threads (workers, the gate, the sockets' event loop) from whichever thread first asks it for
/// work. A <c>Task.Run</c> or <c>Parallel.For</c> inside <see cref="INetworkNamespace.Run{T}"/> put the
/// pool's threads in the namespace being read (a container's, say): every socket they opened afterwards
/// was that namespace's, and they kept it alive after the container had gone. Code that may run in a
/// namespace uses these instead.
/// </summary>
internal static class OwnThreads
{
    /// <summary>Starts <paramref name="work"/> on a thread of its own; <see cref="Started{T}.Join"/> waits for its result.</summary>
    public static Started<T> Start<T>(string name, Func<T> work) => new(name, work);

    /// <summary>Starts <paramref name="work"/> on a thread of its own; <see cref="Started{T}.Join"/> waits for it.</summary>
    public static Started<bool> Start(string name, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return new(name, () =>
        {
            work();
            return true;
        });
    }

    /// <summary>
    /// Runs <paramref name="body"/>(0) on this thread and <paramref name="body"/>(1..count-1) on threads of
    /// their own, waits for all, and rethrows the first failure.
    /// </summary>
    public static void ForEach(string name, int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var others = new Started<bool>[Math.Max(0, count - 1)];
        for (var i = 0; i < others.Length; i++)
        {
            var index = i + 1;
            others[i] = Start(name, () => body(index));
        }

        ExceptionDispatchInfo? first = null;
        try
        {
            body(0);
        }
        catch (Exception ex)
        {
            first = ExceptionDispatchInfo.Capture(ex);
        }

        foreach (var other in others)
        {
            first ??= other.Wait();
        }

        first?.Throw();
    }

    /// <summary>Work under way on a thread of its own.</summary>
    public sealed class Started<T>
    {
        private readonly Thread _thread;
        private T _result = default!;
        private ExceptionDispatchInfo? _failure;

        internal Started(string name, Func<T> work)
        {
            ArgumentNullException.ThrowIfNull(work);
            _thread = new Thread(() =>
            {
                try
                {
                    _result = work();
                }
                catch (Exception ex)
                {
                    _failure = ExceptionDispatchInfo.Capture(ex);
                }
            })
            {
                IsBackground = true,
                Name = name,
            };
            _thread.Start();
        }

        /// <summary>Waits for the work; its result, or its exception rethrown.</summary>
        public T Join()
        {
            Wait()?.Throw();
            return _result;
        }

        /// <summary>Waits at most <paramref name="timeout"/>: false when the work is still running (the thread ends on its own when it is done).</summary>
        public bool TryJoin(TimeSpan timeout, out T result)
        {
            result = default!;
            if (!_thread.Join(timeout))
            {
                return false;
            }

            _failure?.Throw();
            result = _result;
            return true;
        }

        internal ExceptionDispatchInfo? Wait()
        {
            _thread.Join();
            return _failure;
        }
    }
}
