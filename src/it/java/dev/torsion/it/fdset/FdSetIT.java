package dev.torsion.it.fdset;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.linux.EventFd;
import dev.torsion.internal.linux.Pipe;
import dev.torsion.internet.error.ConnectionDone;
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

  /** Twisted's disconnectAll: a descriptor still watched at shutdown is told it is lost. */
  @Test
  @Requires(Facet.FDSET)
  public void shutdownEndsEveryWatchedDescriptorWithConnectionLost() {
    Reactor reactor = buildReactor();
    IReactorFDSet fdSet = reactor.fdSet().orElseThrow();
    int[] p = pipe();
    try {
      PipeReader idle = new PipeReader(p[0], reactor);
      reactor.callWhenRunning(() -> {
        fdSet.addReader(idle);
        reactor.callLater(0.01, reactor::stop);
      });
      runReactor(reactor, 20);
      assertEquals(idle.lost.size(), 1);
      assertEquals(idle.lost.get(0).type(), ConnectionLost.class);
      assertEquals(fdSet.getReaders(), List.of());
    } finally {
      Pipe.closeFd(p[0]);
      Pipe.closeFd(p[1]);
    }
  }
}
