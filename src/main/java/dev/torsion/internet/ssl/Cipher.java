package dev.torsion.internet.ssl;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One TLS cipher suite, by name: what {@link AcceptableCiphers} lists and selects from.
 *
 * <p>A value: two ciphers are equal when their names are, and a cipher never equals an object
 * of another type that happens to carry the same name. The name is not checked here (any
 * string is a name, as in Twisted); {@link CertificateOptions} simply never negotiates a name
 * the engine does not know.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code OpenSSLCipher} carries OpenSSL's name
 * ({@code "ECDHE-RSA-AES256-GCM-SHA384"}); {@link #fullName()} is the IANA name
 * ({@code "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"}), which is what Bouncy Castle and the JDK
 * use. {@link AcceptableCiphers#fromOpenSSLCipherString} still reads OpenSSL's names.
 *
 * @twisted twisted.internet._sslverify.OpenSSLCipher
 */
public final class Cipher {
  private final String fullName;

  private Cipher(String fullName) {
    this.fullName = Objects.requireNonNull(fullName, "fullName");
  }

  /**
   * The cipher of that name.
   *
   * @param fullName the IANA name, such as {@code "TLS_AES_128_GCM_SHA256"}
   * @return the cipher
   * @twisted twisted.internet._sslverify.OpenSSLCipher.__init__
   */
  public static Cipher of(String fullName) {
    return new Cipher(fullName);
  }

  /**
   * The name of the suite.
   *
   * @return the IANA name
   * @twisted twisted.internet.interfaces.ICipher.fullName
   */
  public String fullName() {
    return fullName;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Cipher && ((Cipher) o).fullName.equals(fullName);
  }

  @Override
  public int hashCode() {
    return fullName.hashCode();
  }

  /** Twisted's repr: {@code OpenSSLCipher(fullName='NAME')} with this class's name. */
  @Override
  public String toString() {
    return "Cipher(fullName='" + fullName + "')";
  }
}
