package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.interfaces.ITLSTransport;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.python.failure.Failure;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * {@code ITLSTransport.startTLS} over real loopback TCP, on every reactor: a line protocol that
 * says STARTTLS and then both ends switch, bulk data with checksums, a producer moved through
 * the switch, and the bytes on the wire read by a plain socket that then speaks TLS through the
 * JDK's own engine (JSSE). Interop with Twisted is in {@link StartTlsTwistedIT}.
 */
public class StartTlsIT extends StartTlsCase {
  /** A STARTTLS line protocol, then 10 MiB each way through TLS, checked with SHA-256. */
  @Test
  public void lineProtocolSwitchesThenTenMiBEachWay() {
    byte[] up = TlsIT.random(11);
    byte[] down = TlsIT.random(12);
    Switcher s = new Switcher(false, CERT.options(), down, up.length);
    Switcher c = new Switcher(true, clientOptions(), up, down.length);
    awaitLong(() -> {
      IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> s), "127.0.0.1");
      reactor.connectTCP("127.0.0.1", port(port), Factory.forProtocol(() -> c,
          ClientFactory::new));
      return Defer.gatherResults(List.of(s.lost, c.lost))
          .addCallbackDeferred(x -> port.stopListening());
    });
    assertTrue(c.handshake && s.handshake, "both ends heard handshakeCompleted");
    assertEquals(s.in.received, up.length);
    assertEquals(c.in.received, down.length);
    assertEquals(s.in.digest.digest(), sha256().digest(up));
    assertEquals(c.in.digest.digest(), sha256().digest(down));
    assertNotNull(c.reason.check(ConnectionDone.class), "" + c.reason);
    assertNotNull(s.reason.check(ConnectionDone.class), "" + s.reason);
  }

  /** A push producer that writes chunks while resumed, until it has written its share. */
  static final class ChunkProducer implements IPushProducer {
    final Protocol owner;
    final byte[] data;
    int offset;
    int pauses;
    boolean paused = true;
    boolean stopped;

    ChunkProducer(Protocol owner, byte[] data) {
      this.owner = owner;
      this.data = data;
    }

    @Override
    public void pauseProducing() {
      paused = true;
      pauses++;
    }

    @Override
    public void resumeProducing() {
      paused = false;
      while (!paused && !stopped && offset < data.length) {
        int end = Math.min(data.length, offset + CHUNK);
        byte[] chunk = Arrays.copyOfRange(data, offset, end);
        offset = end;
        owner.transport().write(chunk);
      }
      if (offset == data.length && !stopped) {
        stopped = true;
        owner.transport().unregisterProducer();
        owner.transport().loseConnection();
      }
    }

    @Override
    public void stopProducing() {
      stopped = true;
    }
  }

  /** Registers a producer in clear, then switches: the producer works through the TLS layer. */
  static final class ProducingClient extends Switcher {
    @Nullable ChunkProducer producer;

    ProducingClient(byte[] toSend) {
      super(true, clientOptions(), toSend, 0);
    }

    @Override
    public void connectionMade() {
      ChunkProducer p = new ChunkProducer(this, toSend);
      producer = p;
      transport().registerProducer(p, true);
      super.connectionMade();
    }

    @Override
    void send() {
      // Resumed by the TLS layer's membrane once the handshake ends; the first resume is ours.
      java.util.Objects.requireNonNull(producer).resumeProducing();
    }

    @Override
    public void rawDataReceived(byte[] data) {}
  }

  /** A producer registered before startTLS keeps working through the TLS layer, paused too. */
  @Test
  public void producerRegisteredBeforeStartTlsWorksThroughIt() {
    byte[] up = TlsIT.random(13);
    Switcher s = new Switcher(false, CERT.options(), new byte[0], up.length);
    ProducingClient c = new ProducingClient(up);
    awaitLong(() -> {
      IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> s), "127.0.0.1");
      reactor.connectTCP("127.0.0.1", port(port), Factory.forProtocol(() -> c,
          ClientFactory::new));
      return Defer.gatherResults(List.of(s.lost, c.lost))
          .addCallbackDeferred(x -> port.stopListening());
    });
    assertEquals(s.in.received, up.length);
    assertEquals(s.in.digest.digest(), sha256().digest(up));
    assertTrue(c.producer.pauses > 0, "the TLS layer or the full queue paused the producer");
    assertNotNull(c.reason.check(ConnectionDone.class), "" + c.reason);
  }

  /** Says STARTTLS and switches at once, then pings through TLS and closes on the pong. */
  static final class PingClient extends Protocol {
    final Deferred<Void> lost = new Deferred<>();
    @Nullable Failure reason;

    @Override
    public void connectionMade() {
      transport().write("STARTTLS\r\n".getBytes(US_ASCII));
      ((ITLSTransport) transport()).startTLS(clientOptions());
      transport().write("ping\n".getBytes(US_ASCII));
    }

    @Override
    public void dataReceived(byte[] data) {
      if (new String(data, US_ASCII).contains("pong")) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  /**
   * A Torsion client says STARTTLS and switches at once: a plain socket reads the clear line,
   * then a TLS handshake record, and goes on with JSSE as the TLS server.
   */
  @Test
  public void clearBytesThenAHandshakeOnTheWireToJsse() throws Exception {
    PingClient c = new PingClient();
    try (JssePeer peer = JssePeer.server(CERT)) {
      CompletableFuture<String> seen = peer.run(io -> io.serveAfterClearLine("STARTTLS"));
      await(() -> {
        reactor.connectTCP("127.0.0.1", peer.port(), Factory.forProtocol(() -> c,
            ClientFactory::new));
        return c.lost.addCallbackDeferred(x -> loopUntil(seen::isDone));
      });
      assertEquals(seen.get(), "clear STARTTLS, then record 22; read ping");
    }
    assertNotNull(c.reason.check(ConnectionDone.class), "" + c.reason);
  }

  /** A plain socket says STARTTLS, reads GO in clear, then speaks TLS (JSSE client) to Torsion. */
  @Test
  public void jsseClientSwitchesAfterTheClearAnswer() throws Exception {
    Switcher s = new Switcher(false, CERT.options(), "hello from torsion".getBytes(US_ASCII),
        "hello from jsse".length());
    try (JssePeer peer = JssePeer.client(CERT)) {
      @SuppressWarnings("unchecked")
      CompletableFuture<String>[] seen = new CompletableFuture[1];
      await(() -> {
        IListeningPort port = reactor.listenTCP(0, Factory.forProtocol(() -> s), "127.0.0.1");
        seen[0] = peer.run(io -> io.startTlsAsClient(port(port), "hello from jsse",
            "hello from torsion".length()));
        return s.lost.addCallbackDeferred(x -> loopUntil(seen[0]::isDone))
            .addCallbackDeferred(x -> port.stopListening());
      });
      assertEquals(seen[0].get(), "GO in clear; read hello from torsion");
      assertEquals(s.in.digest.digest(), sha256().digest("hello from jsse".getBytes(US_ASCII)));
      assertNotNull(s.reason.check(ConnectionDone.class), "" + s.reason);
    }
  }
}
