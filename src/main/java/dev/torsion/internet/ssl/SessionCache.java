package dev.torsion.internet.ssl;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.bouncycastle.tls.TlsSession;
import org.jspecify.annotations.Nullable;

/**
 * A server's TLS 1.2 sessions by session ID, for resumption ({@code enableSessions}): at most
 * {@link #MAX_SESSIONS}, least recently used dropped first, each for
 * {@link #LIFETIME_SECONDS} (OpenSSL's defaults are 20480 and 300 s). One per
 * {@link CertificateOptions}, shared by its connections on any thread, hence synchronized.
 */
final class SessionCache {
  static final int MAX_SESSIONS = 1024;
  static final long LIFETIME_SECONDS = 300;

  private record Entry(TlsSession session, long created) {}

  private final LongSupplier nanoTime;
  private final Map<String, Entry> byId = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_SESSIONS;
    }
  };

  SessionCache(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  synchronized void put(TlsSession session) {
    byte[] id = session.getSessionID();
    if (id != null && id.length > 0 && session.isResumable()) {
      byId.put(HexFormat.of().formatHex(id), new Entry(session, nanoTime.getAsLong()));
    }
  }

  /** The live, resumable session with that ID, or null. */
  synchronized @Nullable TlsSession get(byte[] id) {
    String key = HexFormat.of().formatHex(id);
    Entry e = byId.get(key);
    if (e == null) {
      return null;
    }
    long age = nanoTime.getAsLong() - e.created();
    if (age > TimeUnit.SECONDS.toNanos(LIFETIME_SECONDS) || !e.session().isResumable()) {
      byId.remove(key);
      return null;
    }
    return e.session();
  }

  synchronized int size() {
    return byId.size();
  }
}
