package dev.torsion.internet.nio;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.reactor.LoopCore;
import dev.torsion.internet.error.CannotListenError;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.AfterMethod;
import org.testng.annotations.BeforeMethod;
import org.testng.annotations.Test;

/**
 * The review of the TCP layer over real loopback sockets: every error path of adopting a socket
 * closes it, and a producer failing on the reactor's drain notification ends the connection
 * instead of leaving its socket deregistered and open.
 */
public class NioTcpReviewTest {
  private LoopCore core;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeMethod
  void fresh() {
    NioBackend backend = new NioBackend();
    core = new LoopCore(backend);
    backend.setDispatchHook(core::dispatchStarting);
  }

  @AfterMethod(alwaysRun = true)
  void close() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    core.backend().close();
  }

  /** A connected pair made with blocking sockets, outside the reactor: {server, client}. */
  private SocketChannel[] blockingPair() throws IOException {
    ServerSocketChannel ss = ServerSocketChannel.open();
    toClose.add(ss);
    ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    SocketChannel client = SocketChannel.open(ss.getLocalAddress());
    toClose.add(client);
    SocketChannel server = ss.accept();
    toClose.add(server);
    return new SocketChannel[] {server, client};
  }

  @Test
  public void adoptStreamConnectionClosesTheSocketWhenBuildProtocolThrows() throws IOException {
    SocketChannel[] pair = blockingPair();
    Factory factory = Factory.forProtocol(() -> {
      throw new IllegalStateException("no protocol today");
    });
    assertThrows(IllegalStateException.class, () -> core.adoptStreamConnection(pair[0], factory));
    assertFalse(pair[0].isOpen(), "the adopted socket leaked");
    // The peer hears of it instead of hanging.
    assertEquals(pair[1].read(ByteBuffer.allocate(1)), -1);
  }

  @Test
  public void adoptStreamConnectionOfAnUnconnectedSocketFailsClearlyAndClosesIt()
      throws IOException {
    SocketChannel ch = SocketChannel.open();
    toClose.add(ch);
    Factory factory = Factory.forProtocol(Protocol::new);
    assertThrows(IllegalArgumentException.class, () -> core.adoptStreamConnection(ch, factory));
    assertFalse(ch.isOpen());
    assertTrue(core.selectables().isEmpty());
  }

  @Test
  public void adoptStreamPortOfAnUnboundSocketFailsClearlyAndClosesIt() throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    toClose.add(ch);
    Factory factory = Factory.forProtocol(Protocol::new);
    assertThrows(CannotListenError.class, () -> core.adoptStreamPort(ch, factory));
    assertFalse(ch.isOpen());
    assertTrue(core.selectables().isEmpty());
  }

  @Test
  public void pullProducerFailingOnDrainEndsTheRealConnection() throws IOException {
    SocketChannel[] pair = blockingPair();
    List<Failure> lost = new ArrayList<>();
    List<String> events = new ArrayList<>();
    Protocol p = new Protocol() {
      @Override
      public void connectionMade() {
        transport().registerProducer(new IPullProducer() {
          @Override
          public void resumeProducing() {
            events.add("resume");
            if (events.size() > 1) {
              throw new IllegalStateException("producer broke");
            }
            transport().write(new byte[] {'x'});
          }

          @Override
          public void stopProducing() {
            events.add("stop");
          }
        }, false);
      }

      @Override
      public void connectionLost(Failure reason) {
        lost.add(reason);
      }
    };
    core.adoptStreamConnection(pair[0], Factory.forProtocol(() -> p));
    for (int i = 0; i < 200 && lost.isEmpty(); i++) {
      core.iterate(0.01);
    }
    assertEquals(lost.size(), 1);
    assertEquals(events, List.of("resume", "resume", "stop"));
    assertFalse(pair[0].isOpen(), "the socket was left open");
    assertTrue(core.selectables().isEmpty());
    ByteBuffer buf = ByteBuffer.allocate(4);
    assertEquals(pair[1].read(buf), 1);
    assertEquals(pair[1].read(buf), -1);
  }
}
