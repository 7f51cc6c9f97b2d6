package dev.torsion.it.tcp;

import static dev.torsion.it.support.Addresses.portOf;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.StreamTransport;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.error.ConnectionAborted;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.ITCPTransport;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.testing.AccumulatingProtocol;
import dev.torsion.it.support.MyClientFactory;
import dev.torsion.python.failure.Failure;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.testng.annotations.Test;

/** Bytes over real connections: writing, large buffers, closing with data pending. */
public class DataIT extends TcpCase {
  /** twisted.test.test_tcp.WriteDataTests.test_writer */
  @Test
  public void writeAndWriteSequenceReachThePeerBeforeTheClose() {
    boolean[] problem = {false};
    MyClientFactory client = new MyClientFactory();
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
        @Override
        public void connectionMade() {
          transport().write("Hello Cleveland!\n".getBytes(StandardCharsets.US_ASCII));
          transport().writeSequence(List.of("Goodbye".getBytes(StandardCharsets.US_ASCII),
              " cruel".getBytes(StandardCharsets.US_ASCII),
              " world".getBytes(StandardCharsets.US_ASCII), new byte[] {'\n'}));
          problem[0] = !(transport().getPeer() instanceof IPv4Address p && p.type().equals("TCP"))
              || !(transport().getHost() instanceof IPv4Address h && h.type().equals("TCP"));
          transport().loseConnection();
        }
      }), "127.0.0.1");
      reactor.connectTCP("127.0.0.1", portOf(port), client);
      return client.deferred.addCallbackDeferred(x -> port.stopListening());
    });
    assertFalse(problem[0]);
    assertEquals(new String(client.protocol.data(), StandardCharsets.US_ASCII),
        "Hello Cleveland!\nGoodbye cruel world\n");
    assertNotNull(client.lostReason.check(ConnectionDone.class));
  }

  /** twisted.test.test_tcp.LargeBufferTests.testWriter */
  @Test
  public void aHugeWriteThenASmallOneArriveWhole() {
    int len = 60 * 1024 * 1024;
    long[] received = {0};
    MyClientFactory client = new MyClientFactory();
    client.make = () -> new AccumulatingProtocol() {
      @Override
      public void dataReceived(byte[] bytes) {
        received[0] += bytes.length;
      }
    };
    await(() -> {
      IListeningPort port = reactor.listenTCP(0, ServerFactory.forProtocol(() -> new Protocol() {
        @Override
        public void connectionMade() {
          byte[] big = new byte[len - 1];
          Arrays.fill(big, (byte) 'X');
          transport().write(big);
          reactor.callLater(0.001, () -> {
            transport().write(new byte[] {'X'});
            transport().loseConnection();
          });
        }
      }), "127.0.0.1");
      reactor.connectTCP("127.0.0.1", portOf(port), client);
      return client.deferred.addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(received[0], len);
  }

  /** twisted.test.test_tcp.WriteDataTests.test_writeAfterShutdownWithoutReading */
  @Test
  public void aPausedTransportStillLearnsOfTheLossWhenItWrites() {
    Pair pair = new Pair();
    await(() -> pair.connect().addCallbackDeferred(ps -> {
      ITCPTransport t = (ITCPTransport) ps.get(1).transport();
      t.pauseProducing();
      ps.get(0).transport().loseConnection();
      return pair.serverLost.addCallbackDeferred(x -> {
        // The client does not read, so only its writes can discover the loss.
        t.registerProducer(new IPullProducer() {
          @Override
          public void resumeProducing() {
            t.write(new byte[4096]);
          }

          @Override
          public void stopProducing() {}
        }, false);
        return pair.client.deferred;
      });
    }).addCallbackDeferred(x -> pair.port.stopListening()));
    assertNotNull(pair.client.lostReason.check(ConnectionLost.class));
  }

  @Test
  public void abortWithPendingDataIsConnectionAbortedAndThePeerSeesAReset() {
    Pair pair = new Pair();
    await(() -> pair.connect().addCallbackDeferred(ps -> {
      StreamTransport t = (StreamTransport) ps.get(0).transport();
      ps.get(1).transport().pauseProducing();
      t.write(new byte[8 * 1024 * 1024]);
      assertTrue(t.bufferedBytes() > 0, "a paused reader leaves bytes queued");
      t.abortConnection();
      assertEquals(t.bufferedBytes(), 0);
      ps.get(1).transport().resumeProducing();
      return Defer.gatherResults(
          List.of(pair.serverLost, pair.client.deferred.addCallback(x -> null)));
    }).addCallbackDeferred(x -> pair.port.stopListening()));
    assertNotNull(pair.server.protocol.closedReason().check(ConnectionAborted.class));
    Failure clientReason = pair.client.lostReason;
    assertNotNull(clientReason.check(ConnectionLost.class), clientReason.toString());
    assertTrue(pair.client.protocol.data().length < 8 * 1024 * 1024);
  }
}
