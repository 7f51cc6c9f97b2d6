package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;

import java.io.IOException;
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

  @Test
  public void signalAfterCloseDoesNothing() throws IOException {
    EventFd w = new EventFd();
    w.close();
    w.close();
    w.signal();
  }
}
