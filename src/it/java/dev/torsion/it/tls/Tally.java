package dev.torsion.it.tls;

import dev.torsion.internet.defer.Deferred;
import java.security.MessageDigest;

/**
 * What one end of a bulk TLS test has read: the byte count and their SHA-256, and a Deferred
 * fired once the expected count has arrived. Shared by {@link TlsIT.Bulk} and
 * {@link StartTlsCase.Switcher}.
 */
final class Tally {
  final MessageDigest digest = TlsIT.sha256();
  final Deferred<Void> gotAll = new Deferred<>();
  final long expect;
  long received;

  Tally(long expect) {
    this.expect = expect;
  }

  /**
   * Counts and digests {@code data}.
   *
   * @return whether this completed the expected count (and so fired {@link #gotAll})
   */
  boolean take(byte[] data) {
    digest.update(data);
    received += data.length;
    if (received != expect) {
      return false;
    }
    gotAll.callback(null);
    return true;
  }
}
