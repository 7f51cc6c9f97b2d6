package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.uring.UringReactorProvider;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * The bindings against the kernel. Where the kernel refuses io_uring the ring tests have nothing
 * to drive; each then checks instead that the uring provider reports itself unavailable.
 */
public class IoUringTest {
  private static final int ECANCELED = 125;

  /** The ring, or null where the kernel refuses io_uring, after checking the provider says so. */
  private static @Nullable IoUring open() {
    try {
      return IoUring.open(8);
    } catch (IOException e) {
      assertNotNull(new UringReactorProvider().unavailabilityCause(),
          "io_uring is refused (" + e.getMessage() + ") but the uring provider claims support");
      return null;
    }
  }

  /** Reaps until {@code n} completions arrived (each wait bounded), by user_data. */
  private static Map<Long, Integer> reap(IoUring ring, int n) throws IOException {
    Map<Long, Integer> got = new HashMap<>();
    for (int turns = 0; got.size() < n && turns < 100; turns++) {
      ring.enter(100_000_000L);
      while (ring.ready() > 0) {
        got.put(ring.userData(), ring.result());
        ring.advance();
      }
    }
    return got;
  }

  @Test
  public void aNopCompletesWithItsUserData() throws IOException {
    try (IoUring ring = open()) {
      if (ring == null) {
        return;
      }
      for (long ud = 1; ud <= 20; ud++) {
        // Twenty through an eight-entry ring: the rings wrap several times.
        ring.submit(IoUring.OP_NOP, -1, 0, 0, 0, 0, ud);
        assertEquals(reap(ring, 1), Map.of(ud, 0));
      }
    }
  }

  @Test
  public void aWaitWithATimeoutReturnsWhenItExpires() throws IOException {
    try (IoUring ring = open()) {
      if (ring == null) {
        return;
      }
      long start = System.nanoTime();
      ring.enter(20_000_000L);
      long took = System.nanoTime() - start;
      assertEquals(ring.ready(), 0);
      assertTrue(took >= 15_000_000L && took < 5_000_000_000L, "waited " + took + " ns");
    }
  }

  @Test
  public void aReadInFlightCompletesOnASignalAndACancelEndsAnother() throws IOException {
    try (IoUring ring = open(); EventFd fd = new EventFd();
        UringBlock counter = new UringBlock(8)) {
      if (ring == null) {
        return;
      }
      ring.submit(IoUring.OP_READ, fd.fd(), counter.address(), 8, 0, 0, 1);
      ring.enter(0);
      assertEquals(ring.ready(), 0, "nothing to read yet: the read stays in flight");
      fd.signal();
      assertEquals(reap(ring, 1), Map.of(1L, 8));
      assertEquals(counter.view().getLong(0), 1L);
      ring.submit(IoUring.OP_READ, fd.fd(), counter.address(), 8, 0, 0, 2);
      ring.enter(0);
      ring.submit(IoUring.OP_ASYNC_CANCEL, -1, 2, 0, 0, 0, 3);
      assertEquals(reap(ring, 2), Map.of(2L, -ECANCELED, 3L, 0));
    }
  }

  @Test
  public void closeIsIdempotent() {
    IoUring ring = open();
    if (ring == null) {
      return;
    }
    ring.close();
    ring.close();
  }
}
