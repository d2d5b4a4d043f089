using System.Runtime.InteropServices;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Which sockets appeared and which vanished between one listing and the next, by object: a source
/// that hands out the same <see cref="SocketEntry"/> while a socket does not change (the Linux
/// collector's recall) makes a changed socket one that vanished (its old object) and appeared (its new
/// one). The next listing is followed in the previous one's order (an unchanged table is listed in the
/// same order), a few ahead when some are gone, and looked up by object only when the order differs.
/// Several consumers of one snapshot share one turnover: the same list object given again is not
/// compared again (a listing is not changed once given), and each consumer checks with
/// <see cref="Listing"/> that the turnover leads from the listing it last saw. Each object is marked
/// with the listing it was last given in (<see cref="SocketEntry.Listed"/>, a number naming the turnover
/// and its listing): one marked by no turnover,
/// or by this one before its previous listing (a socket the recall hands out again after a gap), is new
/// without a lookup, and one already marked with the listing being compared is listed twice. So turnovers
/// that share objects take turns (as a monitor's samples of its namespaces do), never two at once.
/// </summary>
public sealed class SocketTurnover
{
    private const int LookAhead = 8;

    private readonly List<SocketEntry> _appeared = [];
    private readonly List<SocketEntry> _vanished = [];
    private List<SocketEntry> _previous = [];
    private List<SocketEntry> _current = [];
    private bool[] _matched = [];
    private readonly Dictionary<SocketEntry, int> _previousAt = new(ReferenceEqualityComparer.Instance); // kept (a large object made anew would be garbage each time), empty between calls
    private bool _previousAtFilled;
    private bool _distinct; // the previous listing has no object twice (false before the first)
    private IReadOnlyList<SocketEntry>? _last; // the list object last compared, and what it gave
    private bool _lastComparable;
    private static int _turnovers;
    private readonly long _identity = (long)(uint)Interlocked.Increment(ref _turnovers) << 32; // this turnover, in a mark's high half
    private long _previousListing; // what each object of the previous listing carries in SocketEntry.Listed (0: none)

    /// <summary>Sockets in the last listing that the one before did not have (valid when <see cref="Next"/> returned true).</summary>
    public IReadOnlyList<SocketEntry> Appeared => _appeared;

    /// <summary>Sockets in the listing before the last that the last one does not have.</summary>
    public IReadOnlyList<SocketEntry> Vanished => _vanished;

    /// <summary>How many listings were compared so far (one given again not counted): a consumer that saw listing
    /// n may use <see cref="Appeared"/> and <see cref="Vanished"/> only when this is n + 1.</summary>
    public long Listing { get; private set; }

    /// <summary>How many comparisons looked sockets up in a map of the previous listing (a test seam: the rest followed its order).</summary>
    internal int MapsMade { get; private set; }

    /// <summary>
    /// Compares <paramref name="sockets"/> with the previous listing; false when there is none to compare
    /// with, or an object is listed twice in either (then <see cref="Appeared"/> and <see cref="Vanished"/> mean nothing).
    /// The list object last given, given again with the same objects in it, is not compared again: the same
    /// answer. Refilled since (a monitor reuses its socket lists), it is a new listing.
    /// </summary>
    public bool Next(IReadOnlyList<SocketEntry> sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        if (ReferenceEquals(sockets, _last) && SameObjects(sockets, _previous))
        {
            return _lastComparable;
        }

        _last = null; // until this comparison is through
        Listing++;
        _appeared.Clear();
        _vanished.Clear();
        _current.Clear();
        var comparable = _distinct;
        if (_matched.Length < _previous.Count)
        {
            _matched = new bool[Math.Max(_previous.Count, _matched.Length * 2)];
        }

        Array.Clear(_matched, 0, _previous.Count);
        _previousAtFilled = false;
        var cursor = 0;
        var listing = _identity | (uint)Listing; // never 0: Listing counts from 1
        var twice = false;
        ReadOnlySpan<SocketEntry> listed = sockets switch
        {
            List<SocketEntry> list => CollectionsMarshal.AsSpan(list),
            SocketEntry[] array => array,
            _ => [.. sockets],
        };
        _current.AddRange(listed);
        foreach (var socket in listed)
        {
            var mark = socket.Listed.Listing;
            socket.Listed.Listing = listing;
            if (mark == listing)
            {
                (twice, comparable) = (true, false); // the same object twice: by object, the lists cannot be told apart
            }

            if (!comparable)
            {
                continue;
            }

            if (mark == 0 || (mark != _previousListing && (mark & ~0xFFFF_FFFFL) == _identity))
            {
                _appeared.Add(socket); // in no listing, or in one of ours before the previous: not in the previous one
            }
            else if (Match(socket, ref cursor) is { } at)
            {
                _matched[at] = true;
            }
            else
            {
                _appeared.Add(socket);
            }
        }

        if (_previousAtFilled)
        {
            _previousAt.Clear(); // empty between calls: no socket of an old listing kept alive by it
        }

        for (var i = 0; comparable && i < _previous.Count; i++)
        {
            if (!_matched[i])
            {
                _vanished.Add(_previous[i]);
            }
        }

        (_previous, _current) = (_current, _previous);
        _previousListing = listing;
        _distinct = !twice;
        if (!comparable)
        {
            _appeared.Clear();
            _vanished.Clear();
        }

        (_last, _lastComparable) = (sockets, comparable);
        return comparable;
    }

    /// <summary>Whether <paramref name="sockets"/> holds the objects of <paramref name="listed"/>, in its order (a monitor's list: a span compare).</summary>
    private static bool SameObjects(IReadOnlyList<SocketEntry> sockets, List<SocketEntry> listed) =>
        sockets is List<SocketEntry> list
            ? CollectionsMarshal.AsSpan(list).SequenceEqual(CollectionsMarshal.AsSpan(listed), ReferenceEqualityComparer.Instance)
            : sockets.Count == listed.Count && sockets.SequenceEqual(listed, ReferenceEqualityComparer.Instance);

    /// <summary>Where the previous listing had this object: the next ones first, then by a map made on first need.</summary>
    private int? Match(SocketEntry socket, ref int cursor)
    {
        for (var i = cursor; i < _previous.Count && i < cursor + LookAhead; i++)
        {
            if (ReferenceEquals(_previous[i], socket))
            {
                cursor = i + 1;
                return i;
            }
        }

        if (!_previousAtFilled)
        {
            _previousAtFilled = true;
            MapsMade++;
            _previousAt.EnsureCapacity(_previous.Count);
            for (var i = 0; i < _previous.Count; i++)
            {
                _previousAt.TryAdd(_previous[i], i);
            }
        }

        if (!_previousAt.TryGetValue(socket, out var at))
        {
            return null;
        }

        cursor = at + 1;
        return at;
    }
}
