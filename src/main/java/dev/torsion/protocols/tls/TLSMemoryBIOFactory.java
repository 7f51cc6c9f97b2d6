package dev.torsion.protocols.tls;

import dev.torsion.internet.error.ConnectionLost;
import dev.torsion.internet.error.TimeoutError;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IHalfCloseableProtocol;
import dev.torsion.internet.interfaces.IHandshakeListener;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IProtocolNegotiationFactory;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.internet.reactor.Reactors;
import dev.torsion.internet.ssl.VerificationError;
import dev.torsion.internet.task.Cooperator;
import dev.torsion.protocols.policies.WrappingFactory;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A factory whose connections speak TLS: every protocol the wrapped factory builds is wrapped
 * in a {@link TLSMemoryBIOProtocol}, the client or the server end as {@code isClient} says,
 * configured by the connection creator (a {@code CertificateOptions} or the result of
 * {@code SSL.optionsForClientTLS}).
 *
 * <pre>{@code
 * CertificateOptions server = certificate.options();
 * reactor.listenTCP(8443, new TLSMemoryBIOFactory(server, false, echoFactory));
 * reactor.connectTCP("127.0.0.1", 8443,
 *     new TLSMemoryBIOFactory(SSL.optionsForClientTLS("localhost", trust), true, client));
 * }</pre>
 *
 * <p>When the wrapped factory is an {@link IProtocolNegotiationFactory}, its
 * {@code acceptableProtocols()} are offered through ALPN in place of the creator's.
 *
 * <p><b>Lifecycle of each connection.</b> {@code makeConnection} connects the application
 * protocol at once, before the handshake, then starts the handshake (a client sends its
 * ClientHello). When it finishes, an {@link IHandshakeListener} hears
 * {@code handshakeCompleted()}, then the writes buffered so far are sent.
 * {@code loseConnection()} sends what is buffered, then close_notify, and closes the TCP
 * connection when the peer's close_notify arrives, or after the close timeout. Before the
 * handshake has finished, with nothing buffered, {@code loseConnection()} aborts. A close_notify
 * from the peer is answered and ends the connection with {@code ConnectionDone}; an application
 * that is an {@link IHalfCloseableProtocol} instead hears {@code readConnectionLost()} and may go
 * on writing. {@code connectionLost} reaches the application exactly once.
 *
 * <p><b>Errors of each connection.</b> A TLS failure (a bad record, a fatal alert, a handshake
 * failure) is sent to the peer as an alert, the connection is closed, and the application's
 * {@code connectionLost} gets the engine's {@link java.io.IOException} ({@code TlsFatalAlert},
 * {@code TlsFatalAlertReceived}). A certificate that fails verification gives a
 * {@link VerificationError}; a handshake that outlasts the timeout gives a {@link TimeoutError};
 * input that ends without close_notify (truncation) gives {@link ConnectionLost}, never
 * {@code ConnectionDone}.
 *
 * <p><b>Timeouts.</b> Each connection's handshake must finish within
 * {@link #handshakeTimeout()} seconds (10 by default), and after this end sends close_notify
 * the peer has {@link #closeTimeout()} seconds (5 by default) to answer before the TCP
 * connection is closed anyway. The timers run on the clock given here, by default the global
 * reactor ({@link Reactors#current()}, looked up when a connection is made); tests pass a
 * {@link dev.torsion.internet.task.Clock}.
 *
 * <p><b>Threading.</b> Reactor thread only; the timeouts may be changed at any time and apply
 * to connections made after.
 *
 * <p><b>Differences from Twisted.</b> Twisted accepts old-style context factories and adapts
 * them; here the creator is always an {@link ITLSConnectionCreator}. Twisted has no handshake
 * or close timeout (#7926). The factory is not noisy, as Twisted's.
 *
 * @twisted twisted.protocols.tls.TLSMemoryBIOFactory
 */
public final class TLSMemoryBIOFactory extends WrappingFactory {
  /** The default {@link #handshakeTimeout()}, in seconds. */
  public static final double DEFAULT_HANDSHAKE_TIMEOUT = 10.0;
  /** The default {@link #closeTimeout()}, in seconds. */
  public static final double DEFAULT_CLOSE_TIMEOUT = 5.0;

  private final ITLSConnectionCreator connectionCreator;
  private final boolean isClient;
  private final @Nullable IReactorTime clock;
  private double handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
  private double closeTimeout = DEFAULT_CLOSE_TIMEOUT;
  private @Nullable Cooperator cooperator;

  /**
   * A TLS factory using the global reactor's clock.
   *
   * @param connectionCreator configures each connection's TLS engine
   * @param isClient whether the connections are TLS clients
   * @param wrappedFactory builds the application protocols
   * @twisted twisted.protocols.tls.TLSMemoryBIOFactory.__init__
   */
  public TLSMemoryBIOFactory(ITLSConnectionCreator connectionCreator, boolean isClient,
      IProtocolFactory wrappedFactory) {
    this(connectionCreator, isClient, wrappedFactory, null);
  }

  /**
   * A TLS factory whose timers run on {@code clock}.
   *
   * @param connectionCreator configures each connection's TLS engine
   * @param isClient whether the connections are TLS clients
   * @param wrappedFactory builds the application protocols
   * @param clock runs the handshake and close timers; null for the global reactor
   * @twisted twisted.protocols.tls.TLSMemoryBIOFactory.__init__
   */
  public TLSMemoryBIOFactory(ITLSConnectionCreator connectionCreator, boolean isClient,
      IProtocolFactory wrappedFactory, @Nullable IReactorTime clock) {
    super(wrappedFactory);
    this.connectionCreator = Objects.requireNonNull(connectionCreator, "connectionCreator");
    this.isClient = isClient;
    this.clock = clock;
    setNoisy(false);
  }

  /**
   * Whether this factory's connections are TLS clients.
   *
   * @return true for clients
   */
  public boolean isClient() {
    return isClient;
  }

  /**
   * The connection creator.
   *
   * @return the creator given at construction
   */
  public ITLSConnectionCreator connectionCreator() {
    return connectionCreator;
  }

  /**
   * Seconds a handshake may take before the connection is aborted with a
   * {@link dev.torsion.internet.error.TimeoutError}.
   *
   * @return the timeout; 0 means none
   */
  public double handshakeTimeout() {
    return handshakeTimeout;
  }

  /**
   * Sets {@link #handshakeTimeout()}.
   *
   * @param seconds the timeout, 0 for none
   * @throws IllegalArgumentException if negative or not a number
   */
  public void setHandshakeTimeout(double seconds) {
    this.handshakeTimeout = checkTimeout(seconds);
  }

  /**
   * Seconds this end waits for the peer's close_notify, after sending its own, before closing
   * the TCP connection anyway.
   *
   * @return the timeout; 0 means wait forever, as Twisted does
   */
  public double closeTimeout() {
    return closeTimeout;
  }

  /**
   * Sets {@link #closeTimeout()}.
   *
   * @param seconds the timeout, 0 to wait forever
   * @throws IllegalArgumentException if negative or not a number
   */
  public void setCloseTimeout(double seconds) {
    this.closeTimeout = checkTimeout(seconds);
  }

  private static double checkTimeout(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("timeout must be a finite number >= 0: " + seconds);
    }
    return seconds;
  }

  /**
   * The wrapped factory's log prefix followed by {@code " (TLS)"}.
   *
   * @return the prefix, such as {@code "EchoFactory (TLS)"}
   * @twisted twisted.protocols.tls.TLSMemoryBIOFactory.logPrefix
   */
  @Override
  public String logPrefix() {
    IProtocolFactory w = wrappedFactory();
    String inner = w instanceof dev.torsion.internet.interfaces.ILoggingContext c
        ? c.logPrefix() : w.getClass().getSimpleName();
    return inner + " (TLS)";
  }

  @Override
  public @Nullable TLSMemoryBIOProtocol buildProtocol(IAddress addr) {
    return (TLSMemoryBIOProtocol) super.buildProtocol(addr);
  }

  /**
   * Wraps {@code wrappedProtocol} in a TLS end.
   *
   * @param wrappedProtocol the application protocol
   * @return a new {@link TLSMemoryBIOProtocol}
   */
  @Override
  protected TLSMemoryBIOProtocol wrapProtocol(IProtocol wrappedProtocol) {
    return new TLSMemoryBIOProtocol(this, wrappedProtocol);
  }

  TlsEngine createEngine(TLSMemoryBIOProtocol protocol) {
    List<String> alpn = wrappedFactory() instanceof IProtocolNegotiationFactory n
        ? n.acceptableProtocols() : null;
    return isClient
        ? TlsEngine.client(connectionCreator.clientConnectionForTLS(protocol, alpn))
        : TlsEngine.server(connectionCreator.serverConnectionForTLS(protocol, alpn));
  }

  IReactorTime clock() {
    return clock != null ? clock : Reactors.current();
  }

  Cooperator cooperator() {
    Cooperator c = cooperator;
    if (c == null) {
      c = clock != null ? new Cooperator(clock) : new Cooperator();
      cooperator = c;
    }
    return c;
  }
}
