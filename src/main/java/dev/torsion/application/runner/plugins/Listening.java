package dev.torsion.application.runner.plugins;

import dev.torsion.application.StreamServerEndpointService;
import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.endpoints.Endpoints;
import dev.torsion.internet.error.CertificateError;
import dev.torsion.internet.interfaces.IListeningPort;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IStreamServerEndpoint;
import dev.torsion.internet.reactor.Reactor;
import dev.torsion.internet.ssl.Certificate;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.PrivateCertificate;
import java.io.PrintStream;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's listening service: the endpoint from {@code --listen} (with the certificate of
 * {@code --self-signed}, if asked), a listen error thrown at startup (so the runner exits 1),
 * and one log line with the address once listening, which tells the user (and the runner's
 * tests) the port chosen for {@code tcp:0}.
 */
final class Listening implements IStreamServerEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Listening.class);

  private final String tapname;
  private final IStreamServerEndpoint endpoint;

  private Listening(String tapname, IStreamServerEndpoint endpoint) {
    this.tapname = tapname;
    this.endpoint = endpoint;
  }

  /** {@code --listen} and {@code --self-signed}, and where the demo certificate is printed. */
  record Listen(String description, boolean selfSigned, PrintStream out) {}

  /**
   * The service listening as {@code listen} says with {@code factory}.
   *
   * @throws IllegalArgumentException if the description cannot be parsed, names a key or
   *     certificate file that cannot be read or used, or does not go with {@code --self-signed}
   */
  static StreamServerEndpointService service(Reactor reactor, String tapname, Listen listen,
      IProtocolFactory factory) {
    IStreamServerEndpoint inner = listen.selfSigned()
        ? selfSigned(reactor, tapname, listen)
        : fromString(reactor, listen.description());
    StreamServerEndpointService service = new StreamServerEndpointService(
        new Listening(tapname, inner), factory);
    service.setRaiseSynchronously(true);
    return service;
  }

  /** The endpoint itself, for tests. */
  IStreamServerEndpoint endpoint() {
    return endpoint;
  }

  private static IStreamServerEndpoint fromString(Reactor reactor, String description) {
    try {
      return Endpoints.serverFromString(reactor, description);
    } catch (IllegalArgumentException | CertificateError e) {
      // A PEM file that holds no key, or a key and certificate that do not match, is as much
      // a bad --listen value as a file that is not there: a usage error, on one line.
      String message = e instanceof CertificateError
          ? ListenDescription.bad(description, String.valueOf(e.getMessage())).getMessage()
          : String.valueOf(e.getMessage());
      ListenDescription d = splitOrNull(description);
      if (d != null && d.isSsl() && !d.namesKeyFiles() && message.contains("'server.pem'")) {
        message += " (an ssl: endpoint without privateKey reads server.pem; "
            + "for a demo, --self-signed makes a certificate instead)";
      }
      throw new IllegalArgumentException(message, e);
    }
  }

  private static @Nullable ListenDescription splitOrNull(String description) {
    try {
      return ListenDescription.split(description);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static IStreamServerEndpoint selfSigned(Reactor reactor, String tapname,
      Listen listen) {
    // Checked before the key is made: a usage error should not cost a key generation.
    ListenDescription.SslPort where = ListenDescription.split(listen.description())
        .selfSignedPort(reactor);
    PrivateCertificate cert = DemoCertificate.generate(Instant.now());
    CertificateOptions tls = CertificateOptions.builder().privateKey(cert.privateKey())
        .certificate(cert).build();
    String fingerprint = DemoCertificate.fingerprintLine(cert);
    LOG.warn("{}: serving a SELF-SIGNED demo certificate made at start-up (CN={}, "
        + "subjectAltName localhost, 127.0.0.1, ::1, valid until {}); clients must be told to "
        + "trust it; not for production. {}", tapname, DemoCertificate.COMMON_NAME,
        cert.original().getNotAfter().toInstant(), fingerprint);
    // Standard output: the fingerprint to compare, then the certificate, so that
    // "twist ... --self-signed > demo.pem" leaves a file clients can trust (PEM readers skip
    // the line before the block). The private key is never printed.
    listen.out().println(fingerprint);
    listen.out().print(Certificate.fromX509(cert.original()).dumpPEM());
    listen.out().flush();
    return where.endpoint(tls);
  }

  @Override
  public Deferred<IListeningPort> listen(IProtocolFactory protocolFactory) {
    return endpoint.listen(protocolFactory).addCallback(port -> {
      LOG.info("{} listening on {}", tapname, port.getHost());
      return port;
    });
  }

  @Override
  public String toString() {
    return endpoint.toString();
  }
}
