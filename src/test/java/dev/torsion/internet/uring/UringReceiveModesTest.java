package dev.torsion.internet.uring;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.util.Random;
import java.util.zip.CRC32;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

/**
 * Both receive modes of the uring backend over loopback TCP, so the one-shot fallback older
 * kernels get stays tested on a kernel that offers multishot: a reader that pauses on every
 * chunk and resumes on the next turn still gets every byte, in order, and the end once. Where
 * the kernel refuses io_uring there is nothing to drive (UringReactorProviderTest checks the
 * refusal is reported).
 */
public class UringReceiveModesTest {
  private static final int SIZE = 3 * 1024 * 1024;

  @DataProvider
  public Object[][] modes() {
    return new Object[][] {{true}, {false}};
  }

  /** Counts and checksums, pausing on every chunk; stops the reactor at the end. */
  private static final class PausingReader extends Protocol {
    private final LoopCore reactor;
    final CRC32 crc = new CRC32();
    long count;
    int chunks;
    int ends;

    PausingReader(LoopCore reactor) {
      this.reactor = reactor;
    }

    @Override
    public void dataReceived(byte[] data) {
      crc.update(data);
      count += data.length;
      chunks++;
      transport().pauseProducing();
      reactor.callLater(0, () -> transport().resumeProducing());
    }

    @Override
    public void connectionLost(Failure reason) {
      ends++;
      reactor.stop();
    }
  }

  @Test(dataProvider = "modes")
  public void aReaderPausingOnEveryChunkGetsEveryByteInOrder(boolean multishot)
      throws IOException {
    UringBackend backend;
    try {
      backend = new UringBackend(multishot);
    } catch (IOException e) {
      return;
    }
    LoopCore reactor = new LoopCore(backend);
    backend.setDispatchHook(reactor::dispatchStarting);
    byte[] data = new byte[SIZE];
    new Random(42).nextBytes(data);
    CRC32 expected = new CRC32();
    expected.update(data);
    PausingReader reader = new PausingReader(reactor);
    boolean[] timedOut = {false};
    reactor.callWhenRunning(() -> {
      IListeningPort port =
          reactor.listenTCP(0, Factory.forProtocol(() -> reader), 50, "127.0.0.1");
      int portNumber = ((IPv4Address) port.getHost()).port();
      reactor.connectTCP("127.0.0.1", portNumber, ClientFactory.forProtocol(() -> new Protocol() {
        @Override
        public void connectionMade() {
          transport().write(data);
          transport().loseConnection();
        }
      }));
    });
    reactor.callLater(30, () -> {
      timedOut[0] = true;
      reactor.stop();
    });
    reactor.run();
    assertFalse(timedOut[0], "bounded: " + reader.count + " bytes in " + reader.chunks);
    assertEquals(reader.count, SIZE);
    assertEquals(reader.crc.getValue(), expected.getValue());
    assertEquals(reader.ends, 1);
    assertEquals(backend.toString().contains("multishot"),
        multishot && backend.buffers != null, backend.toString());
  }
}
