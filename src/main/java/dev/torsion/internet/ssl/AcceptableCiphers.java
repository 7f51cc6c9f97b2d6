package dev.torsion.internet.ssl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cipher suites a {@link CertificateOptions} may negotiate, in preference order. Give it to
 * {@link CertificateOptions.Builder#acceptableCiphers(AcceptableCiphers)}; the options keep
 * those of its ciphers that the engine can run ({@link #selectCiphers}) and refuse to build if
 * none is left.
 *
 * <pre>{@code
 * CertificateOptions.builder()
 *     .acceptableCiphers(AcceptableCiphers.fromOpenSSLCipherString("ECDH+AESGCM:ECDH+CHACHA20"))
 * }</pre>
 *
 * <p>Immutable; safe to share between threads and options.
 *
 * <p><b>Differences from Twisted.</b> Twisted lets OpenSSL expand the cipher string;
 * {@link #fromOpenSSLCipherString} expands it in Java, over the suites Bouncy Castle and the JDK
 * can run (AES and ChaCha20-Poly1305 with (EC)DHE or RSA key exchange, and TLS 1.3's), in
 * OpenSSL 3.0's order. Words for other ciphers (Camellia, 3DES, RC4, PSK...) match nothing.
 * Twisted's {@code IAcceptableCiphers} interface is this one final class.
 *
 * @twisted twisted.internet.ssl.AcceptableCiphers
 */
public final class AcceptableCiphers {
  private final List<Cipher> ciphers;

  private AcceptableCiphers(List<Cipher> ciphers) {
    this.ciphers = List.copyOf(ciphers);
  }

  /**
   * Acceptable ciphers, most preferred first.
   *
   * @param ciphers the ciphers; may be empty (then nothing is acceptable)
   * @return the acceptable ciphers
   * @twisted twisted.internet._sslverify.OpenSSLAcceptableCiphers.__init__
   */
  public static AcceptableCiphers of(List<Cipher> ciphers) {
    return new AcceptableCiphers(ciphers);
  }

  /**
   * Expands an OpenSSL cipher string ({@code man 1 ciphers}), such as
   * {@code "ECDH+AESGCM:!aNULL"}, into the suites it selects, TLS 1.3's first (as OpenSSL 1.1.1
   * and later put them). A string that selects nothing gives an empty set, not an error.
   *
   * @param cipherString the cipher string
   * @return the acceptable ciphers
   * @twisted twisted.internet.ssl.AcceptableCiphers.fromOpenSSLCipherString
   */
  public static AcceptableCiphers fromOpenSSLCipherString(String cipherString) {
    return new AcceptableCiphers(OpenSSLCipherString.expand(cipherString));
  }

  /**
   * The acceptable ciphers that are also available, in this object's order of preference.
   *
   * @param availableCiphers what the engine can run
   * @return the cross section; empty when none
   * @twisted twisted.internet.interfaces.IAcceptableCiphers.selectCiphers
   */
  public List<Cipher> selectCiphers(Collection<Cipher> availableCiphers) {
    Set<Cipher> available = new HashSet<>(availableCiphers);
    List<Cipher> out = new ArrayList<>();
    for (Cipher c : ciphers) {
      if (available.contains(c)) {
        out.add(c);
      }
    }
    return List.copyOf(out);
  }

  /** The ciphers, as given or expanded (Twisted's {@code _ciphers}). */
  List<Cipher> ciphers() {
    return ciphers;
  }

  @Override
  public String toString() {
    return "AcceptableCiphers(" + ciphers + ")";
  }
}
