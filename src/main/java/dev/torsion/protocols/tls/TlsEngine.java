package dev.torsion.protocols.tls;

import dev.torsion.python.failure.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.ContentType;
import org.bouncycastle.tls.ProtocolName;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServer;
import org.bouncycastle.tls.TlsServerProtocol;
import org.jspecify.annotations.Nullable;

/**
 * Bouncy Castle's non-blocking TLS protocol object, seen as the TLS wrapper needs it: bytes in,
 * application data out, application data in, records out. Two behaviours are added by
 * subclassing the engine's protocol classes: the end of the handshake is recorded (the engine
 * has no callback for it that works with any {@code TlsPeer}), and a close_notify received
 * after the handshake closes only the reading direction (RFC 8446 §6.1) instead of making the
 * engine answer and shut at once, so the wrapper can offer half-close. The engine is told
 * nothing about writes after our own close_notify: the wrapper drops its output from then on.
 *
 * <p>Until the handshake ends, the record headers of the input are read here too, to bound a
 * flood the engine would take forever: it ignores change_cipher_spec records during a TLS 1.3
 * handshake and accepts any number of warning alerts, so a peer could keep a connection busy
 * until the handshake timeout without making progress. More than
 * {@value #MAX_IDLE_RECORDS} such records before the handshake ends fail the connection with an
 * unexpected_message alert (OpenSSL draws similar lines: 32 empty records, 5 warning alerts).
 */
final class TlsEngine {
  private final TlsProtocol protocol;
  private final @Nullable TlsClient client;
  private final @Nullable TlsServer server;
  private boolean handshakeComplete;
  private boolean closeNotifyReceived;
  private boolean discardOutput;
  private java.util.@Nullable Vector<?> serverNames;
  /** Alert and change_cipher_spec records allowed before the handshake ends. */
  static final int MAX_IDLE_RECORDS = 32;
  private int idleRecords;
  private final byte[] recordHeader = new byte[5];
  private int headerFill;
  private int bodyLeft;

  private TlsEngine(@Nullable TlsClient client, @Nullable TlsServer server) {
    this.client = client;
    this.server = server;
    this.protocol = client != null ? new ClientSide() : new ServerSide();
  }

  static TlsEngine client(TlsClient client) {
    return new TlsEngine(client, null);
  }

  static TlsEngine server(TlsServer server) {
    return new TlsEngine(null, server);
  }

  /** Starts the handshake: a client queues its ClientHello. */
  void start() throws IOException {
    if (client != null) {
      ((ClientSide) protocol).connect(client);
    } else {
      ((ServerSide) protocol).accept(java.util.Objects.requireNonNull(server));
    }
  }

  void offer(byte[] data) throws IOException {
    if (!handshakeComplete) {
      countIdleRecords(data);
    }
    protocol.offerInput(data);
  }

  /** Follows the record framing of the input, counting records that carry no handshake. */
  private void countIdleRecords(byte[] data) throws IOException {
    int i = 0;
    while (i < data.length) {
      if (bodyLeft > 0) {
        int n = Math.min(bodyLeft, data.length - i);
        bodyLeft -= n;
        i += n;
        continue;
      }
      recordHeader[headerFill++] = data[i++];
      if (headerFill < recordHeader.length) {
        continue;
      }
      headerFill = 0;
      bodyLeft = (recordHeader[3] & 0xff) << 8 | recordHeader[4] & 0xff;
      short type = recordHeader[0];
      if ((type == ContentType.alert || type == ContentType.change_cipher_spec)
          && ++idleRecords > MAX_IDLE_RECORDS) {
        String why = "more than " + MAX_IDLE_RECORDS
            + " alert or change_cipher_spec records before the handshake ended";
        ((Hooked) protocol).fail(AlertDescription.unexpected_message, why);
        throw new TlsFatalAlert(AlertDescription.unexpected_message, why);
      }
    }
  }

  /** All decrypted application data available now, or null if none. */
  byte @Nullable [] readApplicationData() {
    int n = protocol.getAvailableInputBytes();
    if (n <= 0) {
      return null;
    }
    byte[] out = new byte[n];
    int read = protocol.readInput(out, 0, n);
    return read == n ? out : java.util.Arrays.copyOf(out, read);
  }

  void write(byte[] data) throws IOException {
    protocol.writeApplicationData(data, 0, data.length);
  }

  /** The records waiting to be sent, or null if none (or if output is being discarded). */
  byte @Nullable [] takeOutput() {
    int n = protocol.getAvailableOutputBytes();
    if (n <= 0) {
      return null;
    }
    byte[] out = new byte[n];
    protocol.readOutput(out, 0, n);
    return discardOutput ? null : out;
  }

  /** Queues our close_notify; the caller takes it with {@link #takeOutput()}. */
  void sendCloseNotify() throws IOException {
    ((Hooked) protocol).closeNotify();
  }

  /** Nothing may follow our close_notify on the wire. */
  void discardOutput() {
    discardOutput = true;
  }

  /** The transport's input ended: fails with TlsNoCloseNotifyException on truncation. */
  void closeInput() throws IOException {
    if (!closeNotifyReceived && !protocol.isClosed()) {
      protocol.closeInput();
    }
  }

  static byte[] join(Iterable<byte[]> pieces) {
    java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
    for (byte[] piece : pieces) {
      joined.write(piece, 0, piece.length);
    }
    return joined.toByteArray();
  }

  /** Ends the input; the failure the application should see, or null for a clean end. */
  @Nullable Throwable endOfInput() {
    try {
      closeInput();
      return null;
    } catch (IOException | RuntimeException e) {
      return e instanceof org.bouncycastle.tls.TlsNoCloseNotifyException ? translate(e)
          : new dev.torsion.internet.error.ConnectionLost("TLS connection lost: " + e, e);
    }
  }

  boolean handshakeComplete() {
    return handshakeComplete;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }

  /** The failure the application sees for an engine error. */
  static Throwable translate(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof dev.torsion.internet.ssl.VerificationError) {
        return t;
      }
    }
    if (error instanceof org.bouncycastle.tls.TlsNoCloseNotifyException) {
      return new dev.torsion.internet.error.ConnectionLost(
          "TLS input ended without close_notify (truncation)", error);
    }
    // Bouncy Castle turns an exception from code it calls during the handshake (a TlsClient or
    // TlsServer a creator returned, its authentication callbacks) into internal_error. That
    // exception is a bug to report, as Twisted logs one from an info callback, and the reason
    // the application should see.
    if (error instanceof TlsFatalAlert alert
        && alert.getAlertDescription() == AlertDescription.internal_error
        && (alert.getCause() instanceof RuntimeException || alert.getCause() instanceof Error)) {
      Throwable cause = alert.getCause();
      Failure failure = new Failure(cause);
      dev.torsion.internet.defer.UnhandledErrors.logError(failure,
          "an exception inside the TLS handshake ended the connection\n"
              + failure.getTraceback());
      return cause;
    }
    return error;
  }

  TlsProtocol handle() {
    return protocol;
  }

  @Nullable X509Certificate peerCertificate() {
    return handshakeComplete ? first(parameters().getPeerCertificate()) : null;
  }

  @Nullable X509Certificate hostCertificate() {
    return handshakeComplete ? first(parameters().getLocalCertificate()) : null;
  }

  private static @Nullable X509Certificate first(@Nullable Certificate chain) {
    if (chain == null || chain.isEmpty()) {
      return null;
    }
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
          new ByteArrayInputStream(chain.getCertificateAt(0).getEncoded()));
    } catch (CertificateException | IOException e) {
      return null;
    }
  }

  @Nullable String negotiatedProtocol() {
    if (!handshakeComplete) {
      return null;
    }
    ProtocolName name = parameters().getApplicationProtocol();
    return name == null ? null : name.getUtf8Decoding();
  }

  /** The SNI host name the client sent (server side), or null. */
  @Nullable String requestedServerName() {
    if (server == null || !handshakeComplete) {
      return null;
    }
    java.util.Vector<?> names = serverNames;
    if (names == null) {
      return null;
    }
    for (Object o : names) {
      org.bouncycastle.tls.ServerName n = (org.bouncycastle.tls.ServerName) o;
      if (n.getNameType() == org.bouncycastle.tls.NameType.host_name) {
        return new String(n.getNameData(), java.nio.charset.StandardCharsets.US_ASCII);
      }
    }
    return null;
  }

  /** The negotiated version's name, such as "TLSv1.3", or null before the handshake ends. */
  @Nullable String negotiatedVersion() {
    return handshakeComplete
        ? parameters().getNegotiatedVersion().getName().replace("TLS ", "TLSv") : null;
  }

  private SecurityParameters parameters() {
    return ((Hooked) protocol).context().getSecurityParametersConnection();
  }

  private interface Hooked {
    void closeNotify() throws IOException;

    /** Sends a fatal alert, if the engine can still write, and closes the engine. */
    void fail(short alert, String message);

    TlsContext context();
  }

  private final class ClientSide extends TlsClientProtocol implements Hooked {
    @Override
    protected void completeHandshake() throws IOException {
      super.completeHandshake();
      handshakeComplete = true;
    }

    @Override
    protected void handleAlertWarningMessage(short description) throws IOException {
      if (description == AlertDescription.close_notify && handshakeComplete) {
        closeNotifyReceived = true;
        return;
      }
      super.handleAlertWarningMessage(description);
    }

    @Override
    public void closeNotify() throws IOException {
      raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
    }

    @Override
    public TlsContext context() {
      return getContext();
    }

    @Override
    public void fail(short alert, String message) {
      try {
        handleException(alert, message, null);
      } catch (IOException | RuntimeException e) {
        // No alert can be written before the version is known; the engine is closed anyway.
      }
    }
  }

  private final class ServerSide extends TlsServerProtocol implements Hooked {
    @Override
    protected void completeHandshake() throws IOException {
      // The connection's parameters do not keep the SNI names; the handshake's do, until now.
      SecurityParameters p = getContext().getSecurityParametersHandshake();
      serverNames = p == null ? null : p.getClientServerNames();
      super.completeHandshake();
      handshakeComplete = true;
    }

    @Override
    protected void handleAlertWarningMessage(short description) throws IOException {
      if (description == AlertDescription.close_notify && handshakeComplete) {
        closeNotifyReceived = true;
        return;
      }
      super.handleAlertWarningMessage(description);
    }

    @Override
    public void closeNotify() throws IOException {
      raiseAlertWarning(AlertDescription.close_notify, "Connection closed");
    }

    @Override
    public TlsContext context() {
      return getContext();
    }

    @Override
    public void fail(short alert, String message) {
      try {
        handleException(alert, message, null);
      } catch (IOException | RuntimeException e) {
        // No alert can be written before the version is known; the engine is closed anyway.
      }
    }
  }
}
