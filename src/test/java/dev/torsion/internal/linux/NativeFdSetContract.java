package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionFdescWentAway;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import dev.torsion.internet.reactor.IoBackend;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * {@code IReactorFDSet} on one {@link ReadinessBackend}, over pipes and eventfds; the epoll and
 * poll tests extend it with their factory. Each poll is bounded (at most 10 ms).
 */
public abstract class NativeFdSetContract {
  /**
   * A new backend.
   *
   * @return it
   * @throws IOException if it cannot be opened
   */
  protected abstract ReadinessBackend open() throws IOException;

  /** A reader and writer of one descriptor that records every call. */
  static final class Recording implements IReadDescriptor, IWriteDescriptor {
    int fd;
    final List<String> calls = new ArrayList<>();
    final List<Failure> lost = new ArrayList<>();
    final ByteArrayOutputStream data = new ByteArrayOutputStream();
    Supplier<@Nullable Throwable> onRead = () -> null;
    Supplier<@Nullable Throwable> onWrite = () -> null;

    Recording(int fd) {
      this.fd = fd;
    }

    @Override
    public int fileno() {
      return fd;
    }

    @Override
    public @Nullable Throwable doRead() {
      calls.add("read");
      return onRead.get();
    }

    @Override
    public @Nullable Throwable doWrite() {
      calls.add("write");
      return onWrite.get();
    }

    @Override
    public void connectionLost(Failure reason) {
      calls.add("lost");
      lost.add(reason);
    }

    /** Reads the pipe's bytes into {@link #data}. */
    @Nullable Throwable drain() {
      try {
        byte[] buf = new byte[1024];
        int n = Pipe.read(fd, buf);
        if (n == 0) {
          return new ConnectionDone();
        }
        if (n > 0) {
          data.write(buf, 0, n);
        }
        return null;
      } catch (IOException e) {
        return e;
      }
    }
  }

  private static void turn(ReadinessBackend b) {
    b.poll(10_000_000L);
  }

  private static void write(int fd, String s) throws IOException {
    assertEquals(Pipe.write(fd, s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        s.length());
  }

  @Test
  public void readerIsCalledOnlyWhileReadable() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording r = new Recording(p[0]);
      r.onRead = r::drain;
      b.fdSet().addReader(r);
      turn(b);
      assertEquals(r.calls, List.of(), "nothing to read yet");
      write(p[1], "hello");
      turn(b);
      assertEquals(r.data.toString(), "hello");
      assertEquals(r.calls, List.of("read"));
      turn(b);
      assertEquals(r.calls, List.of("read"), "drained: not called again");
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void writerIsCalledWhileWritableUntilRemoved() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording w = new Recording(p[1]);
      b.fdSet().addWriter(w);
      turn(b);
      turn(b);
      assertEquals(w.calls, List.of("write", "write"), "level-triggered");
      b.fdSet().removeWriter(w);
      turn(b);
      assertEquals(w.calls, List.of("write", "write"));
      assertEquals(b.fdSet().getWriters(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void removedReaderIsNotCalledThoughDataWaits() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording r = new Recording(p[0]);
      b.fdSet().addReader(r);
      b.fdSet().addReader(r);
      assertEquals(b.fdSet().getReaders(), List.of(r), "adding twice is adding once");
      write(p[1], "x");
      b.fdSet().removeReader(r);
      b.fdSet().removeReader(r);
      turn(b);
      assertEquals(r.calls, List.of());
      assertEquals(b.fdSet().getReaders(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void aReasonFromDoReadRemovesItAndCallsConnectionLostOnce() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording r = new Recording(p[0]);
      ConnectionDone done = new ConnectionDone("enough");
      r.onRead = () -> done;
      b.fdSet().addReader(r);
      b.fdSet().addWriter(r); // on the read end: never writable, but removed as well
      write(p[1], "x");
      turn(b);
      turn(b);
      assertEquals(r.calls, List.of("read", "lost"));
      assertSame(r.lost.get(0).value(), done);
      assertEquals(b.fdSet().getReaders(), List.of());
      assertEquals(b.fdSet().getWriters(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void anExceptionFromDoWriteRemovesItWithThatException() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording w = new Recording(p[1]);
      IllegalStateException boom = new IllegalStateException("boom");
      w.onWrite = () -> {
        throw boom;
      };
      b.fdSet().addWriter(w);
      turn(b);
      turn(b);
      assertEquals(w.calls, List.of("write", "lost"));
      assertSame(w.lost.get(0).value(), boom);
      assertEquals(b.fdSet().getWriters(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void aHungUpReaderEndsCleanlyAndAHungUpWriterIsLost() throws IOException {
    int[] p = Pipe.open();
    int[] q = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording r = new Recording(p[0]);
      b.fdSet().addReader(r);
      Pipe.closeFd(p[1]);
      Recording w = new Recording(q[1]);
      b.fdSet().addWriter(w);
      w.onWrite = () -> null;
      Pipe.closeFd(q[0]);
      // Two turns: poll moves an entry into a hole left during dispatch and reports it next.
      turn(b);
      turn(b);
      assertEquals(r.calls, List.of("lost"), "a hang-up with nothing to read: no doRead");
      assertEquals(r.lost.get(0).type(), ConnectionDone.class);
      assertEquals(w.calls, List.of("lost"));
      assertEquals(w.lost.get(0).type(), ConnectionLost.class);
      assertEquals(b.fdSet().getReaders(), List.of());
      assertEquals(b.fdSet().getWriters(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(q[1]);
    }
  }

  @Test
  public void dataBeforeAHangUpIsReadFirst() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording r = new Recording(p[0]);
      r.onRead = r::drain;
      b.fdSet().addReader(r);
      write(p[1], "last words");
      Pipe.closeFd(p[1]);
      for (int i = 0; i < 5; i++) {
        turn(b);
      }
      assertEquals(r.data.toString(), "last words");
      assertEquals(r.calls.get(r.calls.size() - 1), "lost");
      assertEquals(r.lost.size(), 1);
      assertEquals(r.lost.get(0).type(), ConnectionDone.class);
    } finally {
      Pipe.closeFd(p[0]);
    }
  }

  @Test
  public void readerAndWriterOfOneDescriptorCoexistReadFirst() throws IOException {
    try (ReadinessBackend b = open(); EventFd e = new EventFd()) {
      Recording both = new Recording(e.fd());
      both.onRead = () -> {
        e.drain();
        return null;
      };
      b.fdSet().addWriter(both);
      b.fdSet().addReader(both);
      e.signal();
      turn(b);
      assertEquals(both.calls, List.of("read", "write"));
      b.fdSet().removeWriter(both);
      e.signal();
      turn(b);
      assertEquals(both.calls, List.of("read", "write", "read"), "the reader stays");
      assertEquals(b.fdSet().getReaders(), List.of(both));
    }
  }

  @Test
  public void aWriterRemovedByDoReadIsNotCalledInThatTurn() throws IOException {
    try (ReadinessBackend b = open(); EventFd e = new EventFd()) {
      Recording both = new Recording(e.fd());
      both.onRead = () -> {
        e.drain();
        b.fdSet().removeWriter(both);
        return null;
      };
      b.fdSet().addReader(both);
      b.fdSet().addWriter(both);
      e.signal();
      turn(b);
      assertEquals(both.calls, List.of("read"));
    }
  }

  @Test
  public void removeAllReturnsEachOnceAndStopsEveryCall() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open(); EventFd e = new EventFd()) {
      Recording r = new Recording(p[0]);
      Recording w = new Recording(p[1]);
      Recording both = new Recording(e.fd());
      b.fdSet().addReader(r);
      b.fdSet().addWriter(w);
      b.fdSet().addReader(both);
      b.fdSet().addWriter(both);
      assertEquals(b.fdSet().getReaders(), List.of(r, both));
      assertEquals(b.fdSet().getWriters(), List.of(w, both));
      assertEquals(b.fdSet().removeAll(), List.of(r, both, w));
      write(p[1], "x");
      e.signal();
      turn(b);
      assertEquals(r.calls, List.of());
      assertEquals(w.calls, List.of());
      assertEquals(both.calls, List.of(), "removeAll calls no connectionLost");
      assertEquals(b.fdSet().removeAll(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void filenoMinusOneEndsItWithConnectionFdescWentAway() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording w = new Recording(p[1]);
      b.fdSet().addWriter(w);
      w.fd = -1;
      turn(b);
      assertEquals(w.calls, List.of("lost"));
      assertEquals(w.lost.get(0).type(), ConnectionFdescWentAway.class);
      assertEquals(b.fdSet().getWriters(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void disconnectAllTellsEachConnectionLost() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording r = new Recording(p[0]);
      b.fdSet().addReader(r);
      b.fdSet().addWriter(r);
      b.fdSet().disconnectAll();
      assertEquals(r.calls, List.of("lost"));
      assertEquals(r.lost.get(0).type(), ConnectionLost.class);
      assertEquals(b.fdSet().getReaders(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void removingAndAddingAgainInOneTurnWatchesTheNewRegistration() throws IOException {
    int[] p = Pipe.open();
    try (ReadinessBackend b = open()) {
      Recording r = new Recording(p[0]);
      r.onRead = () -> {
        b.fdSet().removeReader(r);
        b.fdSet().addReader(r);
        return r.drain();
      };
      b.fdSet().addReader(r);
      write(p[1], "a");
      turn(b);
      write(p[1], "b");
      turn(b);
      assertEquals(r.data.toString(), "ab");
      assertEquals(r.calls, List.of("read", "read"));
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  @Test
  public void badDescriptorsAreRefused() throws IOException {
    try (ReadinessBackend b = open()) {
      IoBackend.Listener l = b.listen(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5, () -> { });
      Recording none = new Recording(-1);
      expectThrows(IllegalArgumentException.class, () -> b.fdSet().addReader(none));
      Recording socket = new Recording(((Descriptor) l).fd());
      IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
          () -> b.fdSet().addReader(socket));
      assertTrue(e.getMessage().contains("belongs to the reactor"), e.getMessage());
      assertEquals(b.fdSet().getReaders(), List.of());
    }
    ReadinessBackend closed = open();
    closed.close();
    expectThrows(IllegalStateException.class,
        () -> closed.fdSet().addReader(new Recording(0)));
  }

  /**
   * Whether the event source refuses a number that is not open (epoll: EBADF) rather than
   * reporting it hung up (poll: POLLNVAL).
   *
   * @return true for epoll
   */
  protected abstract boolean refusesClosedNumbers();

  @Test
  public void aClosedNumberIsRefusedOrEndsAtOnce() throws IOException {
    try (ReadinessBackend b = open()) {
      int[] p = Pipe.open();
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
      Recording r = new Recording(p[0]);
      if (refusesClosedNumbers()) {
        expectThrows(UncheckedIOException.class, () -> b.fdSet().addReader(r));
        assertEquals(b.fdSet().getReaders(), List.of(), "a refused reader is not kept");
        // The number is free again in the table: a new pipe may take it.
        int[] q = Pipe.open();
        try {
          Recording again = new Recording(q[0]);
          b.fdSet().addReader(again);
          assertEquals(b.fdSet().getReaders(), List.of(again));
        } finally {
          Pipe.closeFd(q[0]);
          Pipe.closeFd(q[1]);
        }
      } else {
        b.fdSet().addReader(r);
        turn(b);
        assertEquals(r.calls, List.of("lost"));
        assertEquals(r.lost.get(0).type(), ConnectionDone.class, "it was being read");
        assertEquals(b.fdSet().getReaders(), List.of());
      }
    }
  }
}
