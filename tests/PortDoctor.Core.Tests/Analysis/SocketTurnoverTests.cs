using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>
/// <see cref="SocketTurnover"/> against a set difference by object, over random listings as a live
/// source gives them: kept objects (mostly in order, sometimes moved), new ones, copies made with
/// <c>with</c> (equal by value, another object), objects of an older listing given again, and now and
/// then one object listed twice.
/// </summary>
public class SocketTurnoverTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Appeared_and_vanished_are_the_set_differences_by_object(int seed)
    {
        // Two turnovers on the same objects, as marks from one are on the objects the other sees: one
        // given every listing, one every listing but each third.
        var random = new Random(seed);
        var turnovers = new[] { new Checked(), new Checked() };
        var listing = Enumerable.Range(0, 200).Select(_ => NewSocket(random)).ToList();
        var older = new List<SocketEntry>();
        for (var step = 0; step < 300; step++)
        {
            var given = listing.ToList();
            turnovers[0].Next(given, step);
            if (step % 3 != 2)
            {
                turnovers[1].Next(given, step);
            }

            older.AddRange(given);
            listing = Walk(random, [.. given.Distinct(ReferenceEqualityComparer.Instance).Cast<SocketEntry>()], older);
        }

        Assert.All(turnovers, t => Assert.True(t.Compared > 150, $"only {t.Compared} listings compared"));
    }

    /// <summary>A turnover and the set differences it must give.</summary>
    private sealed class Checked
    {
        private readonly SocketTurnover _turnover = new();
        private List<SocketEntry>? _previous;

        public int Compared { get; private set; }

        public void Next(List<SocketEntry> given, int step)
        {
            var comparable = _turnover.Next(given);
            var twice = given.Count != given.Distinct(ReferenceEqualityComparer.Instance).Count();
            if (_previous is not null && !twice && _previous.Distinct(ReferenceEqualityComparer.Instance).Count() == _previous.Count)
            {
                Assert.True(comparable, $"step {step}");
                Compared++;
                Assert.Equal(Sorted(given.Where(s => !_previous.Contains(s, ReferenceEqualityComparer.Instance))), Sorted(_turnover.Appeared));
                Assert.Equal(Sorted(_previous.Where(s => !given.Contains(s, ReferenceEqualityComparer.Instance))), Sorted(_turnover.Vanished));
            }
            else if (twice)
            {
                Assert.False(comparable, $"step {step}: an object listed twice");
            }

            _previous = given;
        }
    }

    [Fact]
    public void New_and_returning_objects_among_kept_ones_in_order_need_no_map_of_the_previous_listing()
    {
        var random = new Random(7);
        var turnover = new SocketTurnover();
        var listing = Enumerable.Range(0, 500).Select(_ => NewSocket(random)).ToList();
        var gone = new List<SocketEntry>();
        turnover.Next(listing);
        for (var step = 0; step < 20; step++)
        {
            // Churn: a tenth gone, as many new ones put anywhere, the rest in their order.
            var next = listing.Where(_ => random.Next(10) != 0).ToList();
            var added = listing.Count - next.Count;
            for (var i = 0; i < added; i++)
            {
                next.Insert(random.Next(next.Count + 1), NewSocket(random));
            }

            // A socket of an earlier listing back after a gap (the recall hands out the same object for the same bytes).
            if (step > 1)
            {
                var back = gone[random.Next(gone.Count)];
                next.Insert(random.Next(next.Count + 1), back);
                gone.Remove(back);
                added++;
            }

            Assert.True(turnover.Next(next));
            Assert.Equal(added, turnover.Appeared.Count);
            gone.AddRange(listing.Except(next, ReferenceEqualityComparer.Instance).Cast<SocketEntry>());
            listing = next;
        }

        Assert.Equal(0, turnover.MapsMade);

        // A copy of a listed object (its owner found later) is looked up, and found to be new.
        var copy = listing[3] with { Pid = 4242 };
        var moved = listing.Skip(1).Append(copy).ToList();
        Assert.True(turnover.Next(moved));
        Assert.Same(copy, Assert.Single(turnover.Appeared));
        Assert.Same(listing[0], Assert.Single(turnover.Vanished));
        Assert.Equal(1, turnover.MapsMade);
    }

    /// <summary>
    /// A monitor refills its socket lists (two in turn): after a sample that failed before any turnover saw its
    /// list, the next one may bring back the very list object compared last, with other sockets in it.
    /// </summary>
    [Fact]
    public void A_list_given_again_is_compared_again_when_it_was_refilled()
    {
        var random = new Random(11);
        var turnover = new SocketTurnover();
        var kept = Enumerable.Range(0, 50).Select(_ => NewSocket(random)).ToList();
        var list = new List<SocketEntry>(kept);
        turnover.Next(list);

        Assert.False(turnover.Next(list)); // the same list, the same objects: the same answer, not compared again
        Assert.Equal(1, turnover.Listing);

        var added = NewSocket(random);
        list.RemoveAt(0);
        list.Add(added);
        Assert.True(turnover.Next(list));
        Assert.Equal(2, turnover.Listing);
        Assert.Same(added, Assert.Single(turnover.Appeared));
        Assert.Same(kept[0], Assert.Single(turnover.Vanished));
    }

    [Fact]
    public void The_mark_is_no_part_of_a_sockets_value()
    {
        var random = new Random(3);
        var socket = NewSocket(random);
        var same = socket with { };
        new SocketTurnover().Next([socket]);

        Assert.Equal(socket, same);
        Assert.Equal(socket.GetHashCode(), same.GetHashCode());
        Assert.DoesNotContain("Listed", socket.ToString(), StringComparison.Ordinal);
    }

    private static List<SocketEntry> Walk(Random random, List<SocketEntry> listing, List<SocketEntry> older)
    {
        var next = new List<SocketEntry>(listing.Count + 16);
        foreach (var socket in listing)
        {
            switch (random.Next(40))
            {
                case 0:
                    break; // gone
                case 1:
                    next.Add(socket with { Pid = random.Next(1, 100) }); // changed: another object, maybe equal
                    break;
                case 2:
                    next.Add(NewSocket(random));
                    next.Add(socket);
                    break;
                default:
                    next.Add(socket);
                    break;
            }
        }

        if (random.Next(4) == 0 && next.Count > 2)
        {
            var from = random.Next(next.Count);
            var moved = next[from];
            next.RemoveAt(from);
            next.Insert(random.Next(next.Count + 1), moved); // out of order
        }

        if (random.Next(5) == 0 && older.Count > 0 && older[random.Next(older.Count)] is var again && !next.Contains(again, ReferenceEqualityComparer.Instance))
        {
            next.Insert(random.Next(next.Count + 1), again); // one of an older listing again
        }

        if (random.Next(15) == 0 && next.Count > 0)
        {
            next.Add(next[random.Next(next.Count)]); // listed twice
        }

        return next;
    }

    private static SocketEntry NewSocket(Random random) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established,
            new Endpoint("127.0.0.1", random.Next(1024, 65536)), new Endpoint("10.0.0.1", 443));

    private static List<int> Sorted(IEnumerable<SocketEntry> sockets) =>
        [.. sockets.Select(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode).Order()];
}
