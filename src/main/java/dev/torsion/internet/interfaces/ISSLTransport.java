package dev.torsion.internet.interfaces;

import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;

/**
 * A transport whose bytes are protected by TLS. The TLS wrapper
 * ({@code dev.torsion.protocols.tls.TLSMemoryBIOProtocol}) is one, over any transport.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Differences from Twisted.</b> {@link #getPeerCertificate()} returns the JDK's
 * {@link X509Certificate} where Twisted returns pyOpenSSL's {@code X509};
 * {@code dev.torsion.internet.ssl.Certificate.peerFromTransport} wraps it as Twisted's
 * {@code Certificate.peerFromTransport} does.
 *
 * @twisted twisted.internet.interfaces.ISSLTransport
 */
public interface ISSLTransport extends ITCPTransport {
  /**
   * The certificate the peer presented in the handshake.
   *
   * @return the peer's end-entity certificate, or null before the handshake finished, after the
   *     connection is gone, or when the peer sent none (a client that was not asked for one)
   * @twisted twisted.internet.interfaces.ISSLTransport.getPeerCertificate
   */
  @Nullable X509Certificate getPeerCertificate();

  /**
   * The certificate this end presented in the handshake.
   *
   * @return this end's certificate, or null before the handshake finished, after the
   *     connection is gone, or when this end presented none
   * @twisted OpenSSL.SSL.Connection.get_certificate
   */
  @Nullable X509Certificate getHostCertificate();
}
