package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.testng.annotations.Test;

public class EventFdTest {
  private static int readable(Poll.Fds fds, int fd) throws IOException {
    fds.set(0, fd, Poll.POLLIN);
    return fds.await(1, 0);
  }

  @Test
  public void signalMakesItReadableUntilDrained() throws IOException {
    try (EventFd w = new EventFd(); Poll.Fds fds = new Poll.Fds(1)) {
      assertEquals(readable(fds, w.fd()), 0);
      w.signal();
      w.signal();
      assertEquals(readable(fds, w.fd()), 1);
      w.drain();
      assertEquals(readable(fds, w.fd()), 0);
      w.signal();
      assertEquals(readable(fds, w.fd()), 1, "a signal after a drain is not lost");
    }
  }

  @Test
  public void signalFromAnotherThreadWakesAWait() throws Exception {
    try (EventFd w = new EventFd(); Poll.Fds fds = new Poll.Fds(1)) {
      fds.set(0, w.fd(), Poll.POLLIN);
      Thread t = new Thread(w::signal);
      t.start();
      // Bounded: the signal arrives within ten seconds or the wait reports nothing.
      assertEquals(fds.await(1, 10_000), 1);
      t.join(10_000);
    }
  }

  /**
   * A signal racing a drain is never swallowed while the coalescing flag stays raised: after each
   * round of one concurrent signal and one drain, a fresh signal must make the descriptor
   * readable. (Clearing the flag before reading let the read eat the racing signal's write and
   * left every later signal a no-op: a reactor waiting with no timer then slept forever.)
   */
  @Test
  public void aSignalRacingADrainLeavesWakeUpsWorking() throws Exception {
    try (EventFd w = new EventFd(); Poll.Fds fds = new Poll.Fds(1)) {
      AtomicInteger round = new AtomicInteger();
      AtomicInteger signalled = new AtomicInteger();
      int rounds = 100_000;
      Thread signaller = new Thread(() -> {
        for (int r = 1; r <= rounds; r++) {
          while (round.get() < r) {
            Thread.onSpinWait();
          }
          w.signal();
          signalled.set(r);
        }
      }, "signaller");
      signaller.setDaemon(true);
      signaller.start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      try {
        for (int r = 1; r <= rounds; r++) {
          round.set(r);
          w.drain();
          while (signalled.get() < r) {
            if (System.nanoTime() > deadline) {
              throw new AssertionError("signaller stuck at round " + r);
            }
            Thread.onSpinWait();
          }
          w.signal();
          assertEquals(readable(fds, w.fd()), 1, "round " + r + ": a signal was lost for good");
          w.drain();
        }
      } finally {
        round.set(Integer.MAX_VALUE);
        signaller.join(10_000);
      }
    }
  }

  @Test
  public void signalAfterCloseDoesNothing() throws IOException {
    EventFd w = new EventFd();
    w.close();
    w.close();
    w.signal();
  }
}
