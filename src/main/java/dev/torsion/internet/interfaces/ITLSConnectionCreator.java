package dev.torsion.internet.interfaces;

import java.util.List;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsServer;
import org.jspecify.annotations.Nullable;

/**
 * Makes the TLS engine's configuration for each new connection: the TLS options objects
 * ({@code dev.torsion.internet.ssl.CertificateOptions}, the result of
 * {@code SSL.optionsForClientTLS}) are connection creators, and the TLS wrapper asks one for
 * every connection it wraps.
 *
 * <p>The configuration is Bouncy Castle's {@link TlsClient} or {@link TlsServer} (the peer
 * object its non-blocking {@code TlsClientProtocol}/{@code TlsServerProtocol} runs with), just
 * as Twisted's creators return a pyOpenSSL {@code Connection}. Most code never implements this
 * interface: it builds options with {@code CertificateOptions.builder()} or
 * {@code SSL.optionsForClientTLS}.
 *
 * <p><b>Threading.</b> Called on the reactor thread, once per connection.
 *
 * <p><b>Errors.</b> An exception thrown here propagates out of the wrapper's
 * {@code makeConnection}, and the transport drops the connection.
 *
 * <p><b>Differences from Twisted.</b> Twisted has two interfaces,
 * {@code IOpenSSLClientConnectionCreator} and {@code IOpenSSLServerConnectionCreator}; here one
 * interface has both methods, and a client-only creator throws
 * {@link UnsupportedOperationException} from {@link #serverConnectionForTLS}. Twisted's
 * {@code TLSMemoryBIOFactory} sets the wrapped factory's ALPN list on the connection after
 * creating it; here the list is passed in.
 *
 * @twisted twisted.internet.interfaces.IOpenSSLClientConnectionCreator
 */
public interface ITLSConnectionCreator {
  /**
   * Creates the configuration for the client end of one connection.
   *
   * @param tlsProtocol the TLS transport the connection is for
   * @param acceptableProtocols the ALPN protocols to offer instead of the creator's own, or
   *     null to offer the creator's own
   * @return a fresh client configuration, used for this connection only
   * @throws UnsupportedOperationException if this creator cannot make client ends
   * @twisted twisted.internet.interfaces.IOpenSSLClientConnectionCreator.clientConnectionForTLS
   */
  TlsClient clientConnectionForTLS(ISSLTransport tlsProtocol,
      @Nullable List<String> acceptableProtocols);

  /**
   * Creates the configuration for the server end of one connection.
   *
   * @param tlsProtocol the TLS transport the connection is for
   * @param acceptableProtocols the ALPN protocols to accept instead of the creator's own, or
   *     null to accept the creator's own
   * @return a fresh server configuration, used for this connection only
   * @throws UnsupportedOperationException if this creator cannot make server ends (it has no
   *     certificate, or it is client-only)
   * @twisted twisted.internet.interfaces.IOpenSSLServerConnectionCreator.serverConnectionForTLS
   */
  TlsServer serverConnectionForTLS(ISSLTransport tlsProtocol,
      @Nullable List<String> acceptableProtocols);
}
