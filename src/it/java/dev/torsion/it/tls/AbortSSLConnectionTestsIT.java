package dev.torsion.it.tls;

import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.protocol.ClientFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.it.builder.AbortConnectionTestsIT;
import java.util.List;
import org.testng.annotations.Test;

/**
 * Twisted's {@code AbortSSLConnectionTests}: every {@code abortConnection} scenario of
 * {@link AbortConnectionTestsIT}, over {@code listenSSL}/{@code connectSSL}. The TLS wrapper
 * must abort as TCP does: no data after the abort, {@code connectionLost} once and never
 * re-entrantly, producers stopped, and no timer or descriptor left in the reactor (the base
 * test checks {@code selectables()} and {@code getDelayedCalls()} are empty afterwards, so a
 * handshake or close timer left running fails it).
 */
public class AbortSSLConnectionTestsIT extends AbortConnectionTestsIT {
  static final PrivateCertificate CERT = KeyPair.generate(KeyPair.Type.EC, 256)
      .selfSignedCert(1, DistinguishedName.of("CN", "127.0.0.1"));

  @Override
  protected IListeningPort listen(Reactor reactor, Factory factory, String iface) {
    return reactor.listenSSL(0, factory, CERT.options(), 50, iface);
  }

  @Override
  protected void connect(Reactor reactor, String iface, int port, ClientFactory factory) {
    reactor.connectSSL(iface, port, factory,
        SSL.optionsForClientTLS(iface, SSL.trustRootFromCertificates(List.of(CERT))));
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_dataReceivedAbort */
  @Test
  @Override
  public void dataReceivedAbort() {
    super.dataReceivedAbort();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_clientAbortsConnectionTwice */
  @Test
  @Override
  public void clientAbortsConnectionTwice() {
    super.clientAbortsConnectionTwice();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_clientAbortsConnectionThenLosesConnection */
  @Test
  @Override
  public void clientAbortsConnectionThenLosesConnection() {
    super.clientAbortsConnectionThenLosesConnection();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_serverAbortsConnectionTwice */
  @Test
  @Override
  public void serverAbortsConnectionTwice() {
    super.serverAbortsConnectionTwice();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_serverAbortsConnectionThenLosesConnection */
  @Test
  @Override
  public void serverAbortsConnectionThenLosesConnection() {
    super.serverAbortsConnectionThenLosesConnection();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_resumeProducingAbort */
  @Test
  @Override
  public void resumeProducingAbort() {
    super.resumeProducingAbort();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_resumeProducingAbortLater */
  @Test
  @Override
  public void resumeProducingAbortLater() {
    super.resumeProducingAbortLater();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_fullWriteBuffer */
  @Test
  @Override
  public void fullWriteBuffer() {
    super.fullWriteBuffer();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_fullWriteBufferAfterByteExchange */
  @Test
  @Override
  public void fullWriteBufferAfterByteExchange() {
    super.fullWriteBufferAfterByteExchange();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_dataReceivedThrows */
  @Test
  @Override
  public void dataReceivedThrows() {
    super.dataReceivedThrows();
  }

  /** twisted.internet.test.test_tls.AbortSSLConnectionTests_EPollReactorTests.test_resumeProducingThrows */
  @Test
  @Override
  public void resumeProducingThrows() {
    super.resumeProducingThrows();
  }
}
