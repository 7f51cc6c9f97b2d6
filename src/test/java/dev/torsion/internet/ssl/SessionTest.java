package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsKeyExchangeFactory;
import org.bouncycastle.tls.ExtensionType;
import org.bouncycastle.tls.NewSessionTicket;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsECDHEKeyExchange;
import org.bouncycastle.tls.TlsKeyExchange;
import org.bouncycastle.tls.TlsKeyExchangeFactory;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.util.Integers;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * Session resumption, session tickets and ephemeral keys, seen from a TLS 1.2 client that asks
 * for resumption and tickets and records the server's ECDHE key.
 */
public class SessionTest {
  /** Offers a previous session and a session-ticket extension; records what it got. */
  static final class ResumingClient extends DefaultTlsClient {
    private final @Nullable TlsSession offer;
    @Nullable TlsSession established;
    boolean resumed;
    boolean ticketAcknowledged;
    boolean ticketReceived;
    byte @Nullable [] serverEphemeralKey;

    ResumingClient(@Nullable TlsSession offer) {
      super(Crypto.get());
      this.offer = offer;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return ProtocolVersion.TLSv12.only();
    }

    /** Records the server's ephemeral ECDH public key from its ServerKeyExchange. */
    @Override
    public TlsKeyExchangeFactory getKeyExchangeFactory() {
      return new DefaultTlsKeyExchangeFactory() {
        @Override
        public TlsKeyExchange createECDHEKeyExchangeClient(int keyExchange) {
          return new TlsECDHEKeyExchange(keyExchange) {
            @Override
            protected void processEphemeral(byte[] point) throws IOException {
              serverEphemeralKey = point.clone();
              super.processEphemeral(point);
            }
          };
        }
      };
    }

    @Override
    public @Nullable TlsSession getSessionToResume() {
      return offer;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
      Hashtable ext = super.getClientExtensions();
      ext.put(Integers.valueOf(ExtensionType.session_ticket), new byte[0]);
      return ext;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(@Nullable Hashtable ext) throws IOException {
      super.processServerExtensions(ext);
      ticketAcknowledged = ext != null
          && ext.containsKey(Integers.valueOf(ExtensionType.session_ticket));
    }

    @Override
    public void notifyNewSessionTicket(NewSessionTicket ticket) {
      ticketReceived = true;
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
      super.notifyHandshakeComplete();
      established = context.getResumableSession();
      resumed = context.getSecurityParametersConnection().isResumedSession();
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new TlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate certificate) {}

        @Override
        public @Nullable TlsCredentials getClientCredentials(CertificateRequest request) {
          return null;
        }
      };
    }
  }

  static ResumingClient handshake(CertificateOptions server, @Nullable TlsSession offer) {
    ResumingClient client = new ResumingClient(offer);
    assertTrue(SslVerifyTest.connect(CipherNegotiationTest.clientOnly(client), server).ok());
    return client;
  }

  static CertificateOptions.Builder server() {
    return CertificateOptions.builder().privateKey(SslVerifyTest.SERVER.privateKey())
        .certificate(SslVerifyTest.SERVER);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_enablingAndDisablingSessions */
  @Test
  public void sessionsAreResumedOnlyWhenEnabled() {
    CertificateOptions off = server().build();
    assertFalse(off.enableSessions());
    ResumingClient first = handshake(off, null);
    assertFalse(first.resumed);
    assertTrue(first.established == null || !first.established.isResumable()
        || first.established.getSessionID().length == 0, "a session ID was handed out");

    CertificateOptions on = server().enableSessions(true).build();
    assertTrue(on.enableSessions());
    ResumingClient full = handshake(on, null);
    assertFalse(full.resumed);
    assertNotNull(full.established);
    assertEquals(full.established.getSessionID().length, 32);
    ResumingClient again = handshake(on, full.established);
    assertTrue(again.resumed);
    assertEquals(again.established.getSessionID(), full.established.getSessionID());
    assertEquals(on.sessions.size(), 1);
  }

  /** A session belongs to the options that made it: other options do a full handshake. */
  @Test
  public void sessionsAreNotSharedBetweenOptions() {
    ResumingClient full = handshake(server().enableSessions(true).build(), null);
    ResumingClient elsewhere = handshake(server().enableSessions(true).build(),
        full.established);
    assertFalse(elsewhere.resumed);
  }

  /** Expired sessions are dropped, and the cache keeps at most its bound. */
  @Test
  public void cacheIsBoundedInTimeAndCount() {
    long[] now = {0};
    SessionCache cache = new SessionCache(() -> now[0]);
    TlsSession s = handshake(server().enableSessions(true).build(), null).established;
    cache.put(s);
    assertNotNull(cache.get(s.getSessionID()));
    now[0] += java.util.concurrent.TimeUnit.SECONDS.toNanos(SessionCache.LIFETIME_SECONDS + 1);
    assertEquals(cache.get(s.getSessionID()), null);
    assertEquals(cache.size(), 0);
    for (int i = 0; i < SessionCache.MAX_SESSIONS + 10; i++) {
      byte[] id = new byte[32];
      id[0] = (byte) i;
      id[1] = (byte) (i >> 8);
      cache.put(org.bouncycastle.tls.TlsUtils.importSession(id, s.exportSessionParameters()));
    }
    assertEquals(cache.size(), SessionCache.MAX_SESSIONS);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_certificateOptionsSessionTicketsDisabled */
  @Test
  public void noSessionTicketsAreIssued() {
    ResumingClient c = handshake(server().enableSessions(true).build(), null);
    assertFalse(c.ticketAcknowledged);
    assertFalse(c.ticketReceived);
  }

  /** twisted.test.test_sslverify.OpenSSLOptionsTests.test_singleUseKeys */
  @Test
  public void everyHandshakeGetsAFreshEphemeralKey() {
    CertificateOptions options = server().build();
    byte[] first = handshake(options, null).serverEphemeralKey;
    byte[] second = handshake(options, null).serverEphemeralKey;
    assertNotNull(first);
    assertNotNull(second);
    assertNotEquals(first, second);
  }
}
