package dev.torsion.it.fdset;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.linux.EventFd;
import dev.torsion.internal.linux.Pipe;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionFdescWentAway;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IReactorFDSet;
import dev.torsion.internet.interfaces.IReadDescriptor;
import dev.torsion.internet.interfaces.IWriteDescriptor;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.it.Facet;
import dev.torsion.it.ReactorBuilder;
import dev.torsion.it.Requires;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/** {@code IReactorFDSet} on a running reactor, over pipes and an eventfd. */
public class FdSetIT extends ReactorBuilder {
  /** Reads a pipe to its end, checksumming, and stops the reactor when it hangs up. */
  private static final class PipeReader implements IReadDescriptor {
    final int fd;
    final Reactor reactor;
    final CRC32 crc = new CRC32();
    final byte[] buf = new byte[8192];
    long count;
    final List<Failure> lost = new ArrayList<>();

    PipeReader(int fd, Reactor reactor) {
      this.fd = fd;
      this.reactor = reactor;
    }

    @Override
    public int fileno() {
      return fd;
    }

    @Override
    public @Nullable Throwable doRead() {
      try {
        int n = Pipe.read(fd, buf);
        if (n == 0) {
          return new ConnectionDone();
        }
        if (n > 0) {
          crc.update(buf, 0, n);
          count += n;
        }
        return null;
      } catch (IOException e) {
        return e;
      }
    }

    @Override
    public void connectionLost(Failure reason) {
      lost.add(reason);
      if (reason.check(ConnectionDone.class) != null) {
        reactor.stop(); // not at shutdown, where the reactor is already stopping
      }
    }
  }

  /** Writes {@code data} into a pipe as it takes it, then stops watching and closes it. */
  private static final class PipeWriter implements IWriteDescriptor {
    final int fd;
    final IReactorFDSet fdSet;
    final byte[] data;
    int sent;
    int turns;

    PipeWriter(int fd, IReactorFDSet fdSet, byte[] data) {
      this.fd = fd;
      this.fdSet = fdSet;
      this.data = data;
    }

    @Override
    public int fileno() {
      return fd;
    }

    @Override
    public @Nullable Throwable doWrite() {
      turns++;
      try {
        // At most 3,000 bytes a turn, so the transfer takes many turns of both sides.
        sent += Pipe.write(fd, Arrays.copyOfRange(data, sent, Math.min(data.length, sent + 3000)));
      } catch (IOException e) {
        return e;
      }
      if (sent == data.length) {
        fdSet.removeWriter(this);
        Pipe.closeFd(fd);
      }
      return null;
    }

    @Override
    public void connectionLost(Failure reason) {
      throw new AssertionError("the writer ends by itself: " + reason);
    }
  }

  private static int[] pipe() {
    try {
      return Pipe.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  public void theFacetIsOfferedExactlyWhereTheFacetTableSays() {
    Reactor reactor = buildReactor();
    String lacked = Facet.FDSET.lackedBy(reactorName());
    assertEquals(reactor.fdSet().isPresent(), lacked == null, String.valueOf(lacked));
  }

  @Test
  @Requires(Facet.FDSET)
  public void bytesCrossAPipeBetweenAWriterAndAReaderUntilItHangsUp() {
    Reactor reactor = buildReactor();
    IReactorFDSet fdSet = reactor.fdSet().orElseThrow();
    byte[] data = new byte[300_000];
    new Random(6).nextBytes(data);
    CRC32 expected = new CRC32();
    expected.update(data);
    int[] p = pipe();
    try {
      PipeReader reader = new PipeReader(p[0], reactor);
      PipeWriter writer = new PipeWriter(p[1], fdSet, data);
      reactor.callWhenRunning(() -> {
        fdSet.addReader(reader);
        fdSet.addWriter(writer);
      });
      runReactor(reactor, 20);
      assertEquals(reader.count, data.length);
      assertEquals(reader.crc.getValue(), expected.getValue());
      assertTrue(writer.turns > 1, "written over several turns: " + writer.turns);
      assertEquals(reader.lost.size(), 1);
      assertEquals(reader.lost.get(0).type(), ConnectionDone.class);
      assertEquals(fdSet.getReaders(), List.of());
      assertEquals(fdSet.getWriters(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
    }
  }

  @Test
  @Requires(Facet.FDSET)
  public void anEventFdSignalledFromAnotherThreadReachesItsReader() throws Exception {
    Reactor reactor = buildReactor();
    IReactorFDSet fdSet = reactor.fdSet().orElseThrow();
    try (EventFd event = new EventFd()) {
      Thread[] signaller = new Thread[1];
      int[] reads = {0};
      IReadDescriptor reader = new IReadDescriptor() {
        @Override
        public int fileno() {
          return event.fd();
        }

        @Override
        public @Nullable Throwable doRead() {
          event.drain();
          reads[0]++;
          assertTrue(reactor.isInReactorThread());
          fdSet.removeReader(this);
          reactor.stop();
          return null;
        }

        @Override
        public void connectionLost(Failure reason) {
          throw new AssertionError("removed, not lost: " + reason);
        }
      };
      reactor.callWhenRunning(() -> {
        fdSet.addReader(reader);
        signaller[0] = new Thread(event::signal, "signaller");
        signaller[0].start();
      });
      runReactor(reactor, 20);
      signaller[0].join(10_000);
      assertEquals(reads[0], 1);
    }
  }

  /** twisted.internet.test.test_fdset.ReactorFDSetTestsBuilder.test_connectionLostOnShutdown */
  @Test
  @Requires(Facet.FDSET)
  public void shutdownEndsEveryWatchedDescriptorWithConnectionLost() {
    Reactor reactor = buildReactor();
    IReactorFDSet fdSet = reactor.fdSet().orElseThrow();
    int[] p = pipe();
    try {
      PipeReader idle = new PipeReader(p[0], reactor);
      List<Failure> writerLost = new ArrayList<>();
      IWriteDescriptor writer = new IWriteDescriptor() {
        @Override
        public int fileno() {
          return p[1];
        }

        @Override
        public @Nullable Throwable doWrite() {
          return null;
        }

        @Override
        public void connectionLost(Failure reason) {
          writerLost.add(reason);
        }
      };
      reactor.callWhenRunning(() -> {
        fdSet.addReader(idle);
        fdSet.addWriter(writer);
        reactor.stop();
      });
      runReactor(reactor, 20);
      assertEquals(idle.lost.size(), 1);
      assertEquals(idle.lost.get(0).type(), ConnectionLost.class);
      assertEquals(writerLost.size(), 1);
      assertEquals(writerLost.get(0).type(), ConnectionLost.class);
      assertEquals(fdSet.getReaders(), List.of());
      assertEquals(fdSet.getWriters(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  /** twisted.internet.test.test_fdset.ReactorFDSetTestsBuilder.test_negativeOneFileDescriptor */
  @Test
  @Requires(Facet.FDSET)
  public void aDescriptorWhoseFilenoBecomesMinusOneIsRemoved() throws IOException {
    Reactor reactor = buildReactor();
    IReactorFDSet fdSet = reactor.fdSet().orElseThrow();
    int[] p = pipe();
    try {
      List<Failure> lost = new ArrayList<>();
      StringBuilder received = new StringBuilder();
      IReadDescriptor disappearing = new IReadDescriptor() {
        int fileno = p[0];

        @Override
        public int fileno() {
          return fileno;
        }

        @Override
        public @Nullable Throwable doRead() {
          fileno = -1;
          byte[] one = new byte[1];
          try {
            Pipe.read(p[0], one);
            received.append((char) one[0]);
            Pipe.write(p[1], new byte[] {'y'});
          } catch (IOException e) {
            return e;
          }
          return null;
        }

        @Override
        public void connectionLost(Failure reason) {
          lost.add(reason);
          reactor.stop();
        }
      };
      fdSet.addReader(disappearing);
      Pipe.write(p[1], new byte[] {'x'});
      runReactor(reactor, 20);
      assertEquals(received.toString(), "x");
      assertEquals(lost.size(), 1);
      assertEquals(lost.get(0).type(), ConnectionFdescWentAway.class);
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }

  /** twisted.internet.test.test_fdset.ReactorFDSetTestsBuilder.test_removeAll */
  @Test
  @Requires(Facet.FDSET)
  public void removeAllRemovesAndReturnsEveryReaderAndWriter() throws IOException {
    Reactor reactor = buildReactor();
    IReactorFDSet fdSet = reactor.fdSet().orElseThrow();
    try (EventFd event = new EventFd()) {
      List<String> calls = new ArrayList<>();
      // Errors thrown from callbacks are only logged by the reactor: record, assert after.
      class Untouchable implements IReadDescriptor, IWriteDescriptor {
        @Override
        public int fileno() {
          return event.fd();
        }

        @Override
        public @Nullable Throwable doRead() {
          calls.add("doRead");
          return null;
        }

        @Override
        public @Nullable Throwable doWrite() {
          calls.add("doWrite");
          return null;
        }

        @Override
        public void connectionLost(Failure reason) {
          calls.add("connectionLost");
        }
      }
      Untouchable fd = new Untouchable();
      event.signal();
      fdSet.addReader(fd);
      fdSet.addWriter(fd);
      List<?> removed = fdSet.removeAll();
      // Two timed passes, so a reactor still (wrongly) watching would have dispatched.
      reactor.callLater(0, () -> reactor.callLater(0, reactor::stop));
      runReactor(reactor, 20);
      assertEquals(removed, List.of(fd));
      assertEquals(calls, List.of(), "nothing is called once removed, not even at shutdown");
    }
  }

  /** twisted.internet.test.test_fdset.ReactorFDSetTestsBuilder.test_removedFromReactor */
  @Test
  @Requires(Facet.FDSET)
  public void filenoIsNotCalledAfterTheDescriptorIsRemoved() {
    Reactor reactor = buildReactor();
    IReactorFDSet fdSet = reactor.fdSet().orElseThrow();
    int[] p = pipe();
    try {
      int[] outsideCalls = {0};
      boolean[] inside = {false};
      IReadDescriptor removing = new IReadDescriptor() {
        @Override
        public int fileno() {
          if (!inside[0]) {
            outsideCalls[0]++;
          }
          return p[0];
        }

        @Override
        public @Nullable Throwable doRead() {
          fdSet.removeReader(this);
          inside[0] = false;
          reactor.stop();
          return null;
        }

        @Override
        public void connectionLost(Failure reason) {
          throw new AssertionError("removed, not lost: " + reason);
        }
      };
      reactor.callWhenRunning(() -> {
        inside[0] = true;
        fdSet.addReader(removing);
        try {
          Pipe.write(p[1], new byte[] {'a'});
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      runReactor(reactor, 20);
      assertEquals(outsideCalls[0], 0);
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }
}
