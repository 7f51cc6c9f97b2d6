package dev.torsion.protocols.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.error.ConnectionDone;
import dev.torsion.internet.protocol.Protocol;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.StringTransport;
import dev.torsion.python.failure.Failure;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.bouncycastle.tls.TlsFatalAlert;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * A peer that floods records carrying no handshake (warning alerts, change_cipher_spec) before
 * the handshake ends is cut off after {@link TlsEngine#MAX_IDLE_RECORDS}, however its bytes
 * are split; an honest handshake split the same ways is not.
 */
public class TlsRecordFloodTest {
  private static final byte[] WARNING = {0x15, 3, 3, 0, 2, 1, 90}; // user_canceled
  private static final byte[] CCS = {0x14, 3, 3, 0, 1, 1};

  /** Counts connectionLost calls. */
  static final class Lost extends Protocol {
    int lost;
    @Nullable Failure why;

    @Override
    public void connectionLost(Failure f) {
      lost++;
      why = f;
    }
  }

  /** How the attacker's bytes reach the server. */
  enum Split { WHOLE, ONE_BYTE, RANDOM }

  private static TLSMemoryBIOProtocol server(Lost app, StringTransport st) {
    TLSMemoryBIOProtocol server = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        TlsFixtures.just(app), new Clock()).buildProtocol(TlsFixtures.ADDR);
    server.makeConnection(st);
    return server;
  }

  private static byte[] clientHello() {
    TLSMemoryBIOProtocol c = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true,
        TlsFixtures.just(new Lost()), new Clock()).buildProtocol(TlsFixtures.ADDR);
    StringTransport ct = new StringTransport();
    c.makeConnection(ct);
    return ct.value();
  }

  private static byte[] repeat(byte[] unit, int times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < times; i++) {
      out.write(unit, 0, unit.length);
    }
    return out.toByteArray();
  }

  /** Feeds {@code bytes} split as told, stopping once the server has closed. */
  private static void feed(TLSMemoryBIOProtocol server, StringTransport st, byte[] bytes,
      Split split) {
    Random r = new Random(bytes.length);
    int off = 0;
    while (off < bytes.length && !st.disconnecting()) {
      int n = switch (split) {
        case WHOLE -> bytes.length;
        case ONE_BYTE -> 1;
        case RANDOM -> 1 + r.nextInt(17);
      };
      n = Math.min(n, bytes.length - off);
      byte[] chunk = new byte[n];
      System.arraycopy(bytes, off, chunk, 0, n);
      server.dataReceived(chunk);
      off += n;
    }
  }

  private static void assertCutOff(byte[] prefix, byte[] unit, Split split) {
    Lost app = new Lost();
    StringTransport st = new StringTransport();
    TLSMemoryBIOProtocol server = server(app, st);
    feed(server, st, prefix, split);
    assertFalse(st.disconnecting(), "the honest prefix alone is accepted");
    int allowed = TlsEngine.MAX_IDLE_RECORDS;
    feed(server, st, repeat(unit, allowed), split);
    assertFalse(st.disconnecting(), allowed + " idle records are still allowed");
    feed(server, st, repeat(unit, 1000), split);
    assertTrue(st.disconnecting(), "cut off after " + allowed + " idle records");
    server.connectionLost(new Failure(new ConnectionDone("closed")));
    assertEquals(app.lost, 1);
    assertTrue(app.why.value() instanceof TlsFatalAlert a
        && a.getAlertDescription() == 10, "" + app.why);
  }

  /** Warning alerts before any ClientHello. */
  @Test
  public void warningAlertFloodBeforeClientHello() {
    for (Split s : Split.values()) {
      assertCutOff(new byte[0], WARNING, s);
    }
  }

  /** change_cipher_spec records after a TLS 1.3 ClientHello, which the engine would ignore. */
  @Test
  public void changeCipherSpecFloodAfterClientHello() {
    byte[] hello = clientHello();
    for (Split s : Split.values()) {
      assertCutOff(hello, CCS, s);
    }
  }

  /** Warning alerts after a ClientHello, while the server waits for the client's Finished. */
  @Test
  public void warningAlertFloodAfterClientHello() {
    byte[] hello = clientHello();
    for (Split s : Split.values()) {
      assertCutOff(hello, WARNING, s);
    }
  }

  /** The record counting follows the framing: an honest handshake, one byte at a time. */
  @Test
  public void honestHandshakeOneByteAtATimeIsNotCutOff() {
    Lost serverApp = new Lost();
    Lost clientApp = new Lost();
    TlsFixtures.Ends e = TlsFixtures.stringEnds(clientApp, serverApp, new Clock());
    for (int round = 0; round < 10; round++) {
      byte[] c = e.ct().value();
      e.ct().clear();
      feed(e.server(), e.st(), c, Split.ONE_BYTE);
      byte[] s = e.st().value();
      e.st().clear();
      feed(e.client(), e.ct(), s, Split.ONE_BYTE);
    }
    assertTrue(e.server().handshakeDone() && e.client().handshakeDone());
    e.client().write("after".getBytes(US_ASCII));
    assertFalse(e.st().disconnecting() || e.ct().disconnecting());
    assertEquals(serverApp.lost + clientApp.lost, 0);
  }
}
