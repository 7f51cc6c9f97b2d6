package dev.torsion.it.tls;

import dev.torsion.it.builder.ConnectionTestsBase;
import org.testng.annotations.Test;

/**
 * The {@code ConnectionTestsMixin} tests both TLS flavours run over 127.0.0.1:
 * {@link SSLClientTestsIT} ({@code listenSSL}/{@code connectSSL}) and
 * {@link StartTLSClientTestsIT} (a client that starts TLS on connecting). Each concrete class
 * chooses its {@code listen}/{@code connect}; TestNG runs these tests under its name, which the
 * conformance manifest uses. Each test's Javadoc names its Twisted id for each class.
 */
public abstract class TlsConnectionTestsBase extends ConnectionTestsBase {
  /**
   * twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_logPrefix
   * twisted.internet.test.test_tls.StartTLSClientTestsMixin_EPollReactorTests.test_logPrefix
   */
  @Test
  public void logPrefix() {
    checkLogPrefix(V4);
  }

  /**
   * twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_writeAfterDisconnect
   * twisted.internet.test.test_tls.StartTLSClientTestsMixin_EPollReactorTests.test_writeAfterDisconnect
   */
  @Test
  public void writeAfterDisconnect() {
    checkWriteAfterDisconnect(V4);
  }

  /**
   * twisted.internet.test.test_tls.SSLClientTestsMixin_EPollReactorTests.test_protocolGarbageAfterLostConnection
   * twisted.internet.test.test_tls.StartTLSClientTestsMixin_EPollReactorTests.test_protocolGarbageAfterLostConnection
   */
  @Test
  public void protocolGarbageAfterLostConnection() {
    checkProtocolGarbageAfterLostConnection(V4);
  }
}
