package dev.torsion.internal.reactor;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.testng.annotations.Test;

/**
 * Stage 4's shortcut: with work due at once and no I/O seen, {@code run()} skips the zero-timeout
 * poll, at most {@link PollSkip#MAX_SKIPPED_POLLS} iterations in a row and
 * {@link PollSkip#MAX_SKIP_NANOS} after the iteration that last polled. Time is a fake clock and
 * polls are counted, so the bounds are checked exactly.
 */
public class LoopCorePollSkipTest {
  /** A backend that counts polls and, if told to, reports an event dispatched in each. */
  private static final class CountingBackend extends LoopOnlyBackend {
    int polls;
    boolean dispatches;
    LoopCore core;

    @Override
    public void poll(long timeoutNanos) {
      if (timeoutNanos != 0) {
        throw new AssertionError("this test never lets the loop block, asked " + timeoutNanos);
      }
      polls++;
      if (dispatches) {
        core.dispatchStarting();
      }
    }

    @Override
    public void wakeUp() {}

    @Override
    public void close() {}
  }

  /**
   * Runs a chain of {@code n} calls at delay 0, each advancing the clock by {@code stepNanos};
   * returns, for each call, the number of polls made before it ran.
   */
  private static List<Integer> chain(CountingBackend backend, int n, long stepNanos) {
    AtomicLong clock = new AtomicLong();
    LoopCore reactor = new LoopCore(backend, clock::get, 0);
    backend.core = reactor;
    List<Integer> pollsSeen = new ArrayList<>();
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      pollsSeen.add(backend.polls);
      clock.addAndGet(stepNanos);
      if (pollsSeen.size() == n) {
        reactor.stop();
      } else {
        reactor.callLater(0, step[0]);
      }
    };
    reactor.callWhenRunning(() -> reactor.callLater(0, step[0]));
    reactor.run();
    assertEquals(pollsSeen.size(), n);
    return pollsSeen;
  }

  /** The longest run of consecutive calls that saw the same poll count. */
  private static int longestRunWithoutPoll(List<Integer> pollsSeen) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < pollsSeen.size(); i++) {
      run = i > 0 && pollsSeen.get(i).equals(pollsSeen.get(i - 1)) ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  @Test
  public void aFrozenClockStillPollsEvery64Iterations() {
    CountingBackend backend = new CountingBackend();
    List<Integer> seen = chain(backend, 1000, 0);
    assertEquals(longestRunWithoutPoll(seen), PollSkip.MAX_SKIPPED_POLLS + 1);
    // 1000 calls, one poll per 64 iterations (a few more around startup and shutdown).
    assertTrue(backend.polls >= 1000 / 64 && backend.polls <= 1000 / 64 + 4,
        "polls: " + backend.polls);
  }

  @Test
  public void noPollIsSkippedOnce50MicrosecondsHavePassed() {
    CountingBackend backend = new CountingBackend();
    // Each call takes 10 µs: the iteration whose timer pass starts 50 µs after the one that
    // polled must poll, so at most 5 calls run between two polls.
    List<Integer> seen = chain(backend, 500, 10_000);
    assertEquals(longestRunWithoutPoll(seen), 5);
    assertTrue(backend.polls >= 100, "polls: " + backend.polls);
  }

  @Test
  public void aLoopThatDispatchesIoPollsEveryIteration() {
    CountingBackend backend = new CountingBackend();
    backend.dispatches = true;
    List<Integer> seen = chain(backend, 200, 0);
    assertEquals(longestRunWithoutPoll(seen), 1);
  }

  @Test
  public void iterateAlwaysPolls() {
    CountingBackend backend = new CountingBackend();
    AtomicLong clock = new AtomicLong();
    LoopCore reactor = new LoopCore(backend, clock::get, 0);
    int[] ran = {0};
    for (int i = 0; i < 10; i++) {
      reactor.callLater(0, () -> ran[0]++);
      reactor.iterate(0);
    }
    assertEquals(ran[0], 10);
    assertEquals(backend.polls, 10);
  }

  /** A call at delay 0 made by a running call waits for a later pass, skipped poll or not. */
  @Test
  public void aCallAtDelayZeroStillRunsInALaterIteration() {
    CountingBackend backend = new CountingBackend();
    AtomicLong clock = new AtomicLong();
    LoopCore reactor = new LoopCore(backend, clock::get, 0);
    List<String> order = new ArrayList<>();
    reactor.callLater(0, () -> {
      order.add("a");
      reactor.callLater(0, () -> order.add("c"));
    });
    reactor.callLater(0, () -> order.add("b"));
    reactor.callFromThread(() -> order.add("thread"));
    reactor.callWhenRunning(() -> reactor.callLater(0, () -> reactor.callLater(0, () -> {
      order.add("stop");
      reactor.stop();
    })));
    reactor.run();
    assertEquals(order, List.of("thread", "a", "b", "c", "stop"));
  }
}
