package dev.torsion.internet.interfaces;

import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;

/**
 * A TCP connection that can switch to TLS midstream, as STARTTLS protocols (SMTP, IMAP, XMPP,
 * AMP) do: after {@link #startTLS}, every byte goes through a TLS layer on this same
 * connection, and the protocol keeps this transport and goes on calling it.
 *
 * <p><b>Ordering.</b> Bytes written before {@code startTLS} go out in clear, including those
 * still queued and not yet taken by the socket when it is called: they leave before the first
 * TLS record. Bytes written after it are encrypted; until the handshake ends they wait (a
 * registered push producer is paused meanwhile) and then go out in order. Bytes received after
 * the call are taken as TLS records, so a protocol calls it at the point of its conversation
 * where the peer switches too (after sending or reading "go ahead").
 *
 * <p><b>Which end.</b> By default this end of TLS is the end of the TCP connection: a
 * connection made by {@code connectTCP} (or a client endpoint) is the TLS client, one accepted
 * by a listening port (or adopted) is the TLS server. {@link #startTLS(ITLSConnectionCreator,
 * boolean) startTLS(creator, false)} swaps them, as Twisted's {@code normal=False} does.
 *
 * <p><b>Lifecycle.</b> After {@code startTLS}, {@code write}, {@code writeSequence},
 * {@code loseConnection} (close_notify, then close), {@code loseWriteConnection} (close_notify,
 * reading goes on), {@code abortConnection}, {@code registerProducer} and
 * {@code unregisterProducer} act through the TLS layer; a producer registered before the call
 * is moved to it. A protocol that implements {@link IHandshakeListener} hears
 * {@code handshakeCompleted()}. {@code connectionLost} reaches the protocol exactly once, with
 * the TLS failure (a bad record, a verification error, a handshake timeout, truncation) when
 * TLS ended the connection. {@link #sslTransport()} and {@link #getPeerCertificate()} then
 * answer.
 *
 * <p><b>Threading.</b> Reactor thread only.
 *
 * <p><b>Re-entrancy.</b> {@code startTLS} may be called from inside the protocol's callbacks,
 * typically {@code connectionMade}, {@code dataReceived} or a line handler.
 *
 * <p><b>Errors.</b> A second {@code startTLS} throws {@link IllegalStateException}, as does one
 * after the connection began to close (its write direction, at least); an exception from the
 * creator (a creator with no certificate asked for a server end) propagates, and the
 * connection stays as it was, in clear.
 *
 * <p><b>Differences from Twisted.</b> Twisted adds {@code ISSLTransport} to the transport's
 * interfaces when TLS starts; a Java type cannot change, so {@link #sslTransport()} answers the
 * TLS layer (null before). Twisted's {@code loseWriteConnection} and {@code abortConnection}
 * bypass the TLS layer (a FIN without close_notify; an abort the application may see as a TLS
 * error); here both go through it. {@code startTLS} on a closing connection is an error here,
 * where Twisted starts a handshake that cannot finish.
 *
 * @twisted twisted.internet.interfaces.ITLSTransport
 */
public interface ITLSTransport extends ITCPTransport {
  /**
   * Starts TLS on this connection, this end being the TLS client if this end connected and the
   * TLS server if it accepted.
   *
   * @param creator the TLS configuration: {@code SSL.optionsForClientTLS(...)} for a client,
   *     a {@code CertificateOptions} with a certificate for a server
   * @throws IllegalStateException if TLS was already started, or the connection is closing
   * @throws UnsupportedOperationException if the creator cannot make this kind of end
   * @twisted twisted.internet.interfaces.ITLSTransport.startTLS
   */
  void startTLS(ITLSConnectionCreator creator);

  /**
   * Starts TLS on this connection, choosing which end this is.
   *
   * @param creator the TLS configuration
   * @param normal true for the end of the TCP connection (the connecting end is the client);
   *     false for the other one
   * @throws IllegalStateException if TLS was already started, or the connection is closing
   * @throws UnsupportedOperationException if the creator cannot make this kind of end
   * @twisted twisted.internet.tcp.Connection.startTLS
   */
  void startTLS(ITLSConnectionCreator creator, boolean normal);

  /**
   * This connection seen as a TLS transport, once {@link #startTLS} was called: the layer its
   * writes go through, with the handshake's results (peer certificate, ALPN protocol).
   *
   * @return the TLS layer, or null before {@code startTLS}
   * @twisted twisted.internet.interfaces.ISSLTransport
   */
  @Nullable ISSLTransport sslTransport();

  /**
   * The certificate the peer presented in the TLS handshake.
   *
   * @return the peer's end-entity certificate, or null before {@code startTLS}, before the
   *     handshake finished, after the connection is gone, or when the peer sent none
   * @twisted twisted.internet.interfaces.ISSLTransport.getPeerCertificate
   */
  default @Nullable X509Certificate getPeerCertificate() {
    ISSLTransport tls = sslTransport();
    return tls == null ? null : tls.getPeerCertificate();
  }
}
