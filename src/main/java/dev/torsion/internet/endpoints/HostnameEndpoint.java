package dev.torsion.internet.endpoints;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.defer.Defer;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IHostnameResolver;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IReactorTCP;
import dev.torsion.internet.interfaces.IReactorTime;
import dev.torsion.internet.interfaces.IStreamClientEndpoint;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.text.Normalizer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Connects to a host by name: resolves it, then tries its addresses, IPv4 and IPv6 alike, and
 * keeps the first connection made ("happy eyeballs").
 *
 * <p>The name goes to the reactor's resolver ({@code IReactorPluggableNameResolver}); a reactor
 * without one must provide {@code IReactorThreads}, and the name is then looked up with
 * {@code InetAddress.getAllByName} on its thread pool. An address literal ({@code "127.0.0.1"},
 * {@code "::1"}) resolves to itself. Attempts start in the resolver's order: the first at once,
 * then one every {@code attemptDelay} seconds while none has connected, and the next one at
 * once whenever the latest attempt fails. Each attempt has its own {@code timeout}. The first
 * attempt to connect wins: the Deferred fires with its protocol, after that protocol's
 * {@code connectionMade}, and every other attempt and the schedule are cancelled.
 *
 * <pre>{@code
 * Endpoints.connectProtocol(new HostnameEndpoint(reactor, "example.com", 80), new MyProtocol())
 *     .addCallback(p -> ...);
 * }</pre>
 *
 * <p><b>Threading.</b> Use it on the reactor thread.
 *
 * <p><b>Errors.</b> The Deferred {@link #connect} returns fails with:
 * {@link dev.torsion.internet.error.DNSLookupError} naming the host when the name resolves to
 * no IPv4 or IPv6 address; the failure of the last attempt to fail when every attempt fails
 * (a {@code ConnectError} subclass, or what the factory's {@code buildProtocol} threw);
 * {@link IllegalArgumentException} ("invalid hostname") when the host cannot be IDNA-encoded;
 * {@link dev.torsion.internet.error.ConnectingCancelledError} carrying a
 * {@link dev.torsion.internet.address.HostnameAddress} when cancelled before connecting — the
 * resolution, every attempt and the schedule are stopped, and no timer is left behind.
 *
 * <p><b>Differences from Twisted.</b> The host is a {@code String}: Twisted's bytes form is its
 * IDNA (punycode) text. A failed attempt starts the next one at once where Twisted waits for
 * the next tick of its schedule (Twisted #9345), and with one address left a failure ends the
 * connection at once. Cancelling while the name is being resolved stops the resolution and
 * fails with {@code ConnectingCancelledError} (Twisted's Deferred is not cancellable then).
 * A reactor without a pluggable resolver is supported, without Twisted's deprecation warning.
 *
 * @twisted twisted.internet.endpoints.HostnameEndpoint
 */
public final class HostnameEndpoint implements IStreamClientEndpoint {
  /** Seconds between attempts when none is given. */
  static final double DEFAULT_ATTEMPT_DELAY = 0.3;

  private final IReactorTCP tcp;
  private final IReactorTime time;
  private final IHostnameResolver resolver;
  private final String hostText;
  private final String hostAscii;
  private final boolean badHostname;
  private final int port;
  private final double timeout;
  private final @Nullable InetSocketAddress bindAddress;
  private final double attemptDelay;

  /**
   * An endpoint with a 30 second timeout per attempt, no local address bound, and 0.3 seconds
   * between attempts.
   *
   * @param reactor the reactor to resolve, connect and schedule with
   * @param host the host name (IDNA-encoded if not ASCII) or an address literal
   * @param port the port to connect to
   * @param <R> a reactor with TCP and time
   * @throws IllegalArgumentException if the port is out of range, or the reactor has no
   *     resolver and no thread pool
   * @twisted twisted.internet.endpoints.HostnameEndpoint.__init__
   */
  public <R extends IReactorTCP & IReactorTime> HostnameEndpoint(R reactor, String host,
      int port) {
    this(reactor, host, port, 30, null, DEFAULT_ATTEMPT_DELAY);
  }

  /**
   * An endpoint.
   *
   * @param reactor the reactor to resolve, connect and schedule with
   * @param host the host name (IDNA-encoded if not ASCII) or an address literal
   * @param port the port to connect to
   * @param timeout seconds each attempt may take before it fails
   * @param bindAddress the local address to bind before each attempt, or null
   * @param attemptDelay seconds between the starts of two attempts, zero or more
   * @param <R> a reactor with TCP and time
   * @throws IllegalArgumentException if the port is out of range, a duration is negative or
   *     not finite, or the reactor has no resolver and no thread pool
   * @twisted twisted.internet.endpoints.HostnameEndpoint.__init__
   */
  public <R extends IReactorTCP & IReactorTime> HostnameEndpoint(R reactor, String host,
      int port, double timeout, @Nullable InetSocketAddress bindAddress, double attemptDelay) {
    this(reactor, reactor, SimpleHostnameResolver.forReactor(reactor), host, port, timeout,
        bindAddress, attemptDelay);
  }

  HostnameEndpoint(IReactorTCP tcp, IReactorTime time, IHostnameResolver resolver, String host,
      int port, double timeout, @Nullable InetSocketAddress bindAddress, double attemptDelay) {
    this.tcp = Objects.requireNonNull(tcp, "reactor");
    this.time = Objects.requireNonNull(time, "reactor");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of range 0-65535");
    }
    if (!(attemptDelay >= 0) || Double.isInfinite(attemptDelay)) {
      throw new IllegalArgumentException("attemptDelay must be finite and >= 0: " + attemptDelay);
    }
    if (!(timeout >= 0) || Double.isNaN(timeout)) {
      throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
    }
    String text = Normalizer.normalize(host, Normalizer.Form.NFC);
    String ascii;
    boolean bad = false;
    if (isIPv6Literal(text)) {
      ascii = text;
    } else {
      try {
        ascii = IDN.toASCII(text);
      } catch (IllegalArgumentException e) {
        // Reported by connect (as Twisted does), with the name escaped so it can be read.
        bad = true;
        text = backslashEscaped(text);
        ascii = text;
      }
    }
    this.hostText = text;
    this.hostAscii = ascii;
    this.badHostname = bad;
    this.port = port;
    this.timeout = timeout;
    this.bindAddress = bindAddress;
    this.attemptDelay = attemptDelay;
  }

  @Override
  public Deferred<IProtocol> connect(IProtocolFactory protocolFactory) {
    Objects.requireNonNull(protocolFactory, "protocolFactory");
    if (badHostname) {
      return Defer.fail(new IllegalArgumentException("invalid hostname: " + hostText));
    }
    HostnameConnection c = new HostnameConnection(this, protocolFactory);
    c.start();
    return c.result;
  }

  /**
   * The host as given, NFC-normalized (backslash-escaped if it is not a valid name).
   *
   * @return the host
   */
  public String host() {
    return hostText;
  }

  /**
   * The port to connect to.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The timeout of each attempt.
   *
   * @return seconds
   */
  public double timeout() {
    return timeout;
  }

  /**
   * The local address bound before each attempt.
   *
   * @return the address, or null for none
   */
  public @Nullable InetSocketAddress bindAddress() {
    return bindAddress;
  }

  /**
   * The time between the starts of two attempts.
   *
   * @return seconds
   */
  public double attemptDelay() {
    return attemptDelay;
  }

  /** Twisted's repr: the punycode host, an IPv6 literal in brackets, then the port. */
  @Override
  public String toString() {
    String host = !badHostname && isIPv6Literal(hostAscii) ? "[" + hostAscii + "]" : hostAscii;
    return "<HostnameEndpoint " + host + ":" + port + ">";
  }

  IReactorTCP tcp() {
    return tcp;
  }

  IReactorTime time() {
    return time;
  }

  IHostnameResolver resolver() {
    return resolver;
  }

  String hostText() {
    return hostText;
  }

  String hostAscii() {
    return hostAscii;
  }

  static boolean isIPv6Literal(String host) {
    int scope = host.indexOf('%');
    String bare = scope < 0 ? host : host.substring(0, scope);
    return bare.indexOf(':') >= 0 && InetAddresses.isInetAddress(bare);
  }

  /** Python's {@code backslashreplace}: non-ASCII as \xNN, \\uNNNN or \UNNNNNNNN. */
  static String backslashEscaped(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (cp < 0x80) {
        out.appendCodePoint(cp);
      } else if (cp < 0x100) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp < 0x10000) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.append(String.format("\\U%08x", cp));
      }
    });
    return out.toString();
  }
}
