package dev.torsion.it.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.interfaces.ITLSTransport;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.support.ReactorCase;
import dev.torsion.protocols.basic.LineReceiver;
import dev.torsion.python.failure.Failure;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the STARTTLS integration tests share: a certificate for "localhost", the STARTTLS line
 * protocol both ends speak, and a longer-bounded {@code await} for bulk transfers.
 */
abstract class StartTlsCase extends ReactorCase {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "localhost"));
  static final int MIB10 = 10 * 1024 * 1024;
  static final int CHUNK = 65536;

  static ITLSConnectionCreator clientOptions() {
    return SSL.optionsForClientTLS("localhost", SSL.trustRootFromCertificates(List.of(CERT)));
  }

  static MessageDigest sha256() {
    return TlsIT.sha256();
  }

  /**
   * One end of the STARTTLS conversation: the client says {@code STARTTLS}, the server answers
   * {@code GO} and switches; the client switches on reading {@code GO}. Then each sends its bytes
   * in raw mode and digests what it reads; the client closes when it has read all it expects.
   */
  static class Switcher extends LineReceiver implements IHandshakeListener {
    final boolean client;
    final ITLSConnectionCreator options;
    final byte[] toSend;
    final Tally in;
    final Deferred<Void> lost = new Deferred<>();
    boolean handshake;
    @Nullable Failure reason;

    Switcher(boolean client, ITLSConnectionCreator options, byte[] toSend, long expect) {
      this.client = client;
      this.options = options;
      this.toSend = toSend;
      this.in = new Tally(expect);
    }

    @Override
    public void connectionMade() {
      if (client) {
        sendLine("STARTTLS".getBytes(US_ASCII));
      }
    }

    @Override
    public void lineReceived(byte[] line) {
      String text = new String(line, US_ASCII);
      if (!client && text.equals("STARTTLS")) {
        sendLine("GO".getBytes(US_ASCII));
        switchToTls();
      } else if (client && text.equals("GO")) {
        switchToTls();
      } else {
        ((ITLSTransport) transport()).abortConnection();
      }
    }

    void switchToTls() {
      ((ITLSTransport) transport()).startTLS(options);
      setRawMode();
      send();
    }

    void send() {
      for (int off = 0; off < toSend.length; off += CHUNK) {
        transport().write(Arrays.copyOfRange(toSend, off, Math.min(toSend.length, off + CHUNK)));
      }
    }

    @Override
    public void handshakeCompleted() {
      handshake = true;
    }

    @Override
    public void rawDataReceived(byte[] data) {
      if (in.take(data) && client) {
        transport().loseConnection();
      }
    }

    @Override
    public void connectionLost(Failure why) {
      reason = why;
      lost.callback(null);
    }
  }

  static int port(IListeningPort p) {
    return ((IPv4Address) p.getHost()).port();
  }

  /** Runs {@code body} as {@link #await} does, with a longer bound for bulk transfers. */
  <T> T awaitLong(Supplier<Deferred<T>> body) {
    Object[] out = new Object[1];
    reactor.callWhenRunning(() -> body.get().addBoth(r -> {
      out[0] = r;
      reactor.stop();
      return null;
    }));
    runReactor(reactor, 90);
    if (out[0] instanceof Failure f) {
      throw new AssertionError("the test's Deferred failed: " + f.getTraceback(), f.value());
    }
    @SuppressWarnings("unchecked")
    T result = (T) out[0];
    return result;
  }
}
