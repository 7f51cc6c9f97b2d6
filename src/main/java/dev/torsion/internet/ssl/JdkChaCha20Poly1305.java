package dev.torsion.internet.ssl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.jspecify.annotations.Nullable;

/**
 * ChaCha20-Poly1305 (RFC 8439) on the JDK's own AEAD cipher. Bouncy Castle's JCA crypto looks
 * for a "ChaCha7539" cipher and a "Poly1305" MAC, which only its own provider has, so without
 * this the ChaCha20 suites would be silently unavailable. One instance per direction of one
 * connection; used on the reactor thread only.
 */
final class JdkChaCha20Poly1305 implements TlsAEADCipherImpl {
  static final String TRANSFORMATION = "ChaCha20-Poly1305";
  private static final int TAG_BYTES = 16;

  private final Cipher cipher;
  private final int mode;
  private @Nullable SecretKeySpec key;

  JdkChaCha20Poly1305(boolean encrypt) throws GeneralSecurityException {
    this.cipher = Cipher.getInstance(TRANSFORMATION);
    this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
  }

  /** Whether the JDK has the cipher (Java 11 and later do). */
  static boolean available() {
    try {
      Cipher.getInstance(TRANSFORMATION);
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public void setKey(byte[] key, int keyOff, int keyLen) {
    this.key = new SecretKeySpec(key, keyOff, keyLen, "ChaCha20");
  }

  @Override
  public void init(byte[] nonce, int macSize) throws IOException {
    if (macSize != TAG_BYTES || key == null) {
      throw new TlsFatalAlert(AlertDescription.internal_error, "bad ChaCha20-Poly1305 setup");
    }
    try {
      cipher.init(mode, key, new IvParameterSpec(nonce));
    } catch (GeneralSecurityException e) {
      throw new TlsFatalAlert(AlertDescription.internal_error, e);
    }
  }

  @Override
  public int getOutputSize(int inputLength) {
    return mode == Cipher.ENCRYPT_MODE ? inputLength + TAG_BYTES
        : Math.max(0, inputLength - TAG_BYTES);
  }

  @Override
  public int doFinal(byte @Nullable [] additionalData, byte[] input, int inputOffset,
      int inputLength, byte[] output, int outputOffset) throws IOException {
    try {
      if (additionalData != null && additionalData.length > 0) {
        cipher.updateAAD(additionalData);
      }
      return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
    } catch (javax.crypto.AEADBadTagException e) {
      throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
    } catch (GeneralSecurityException e) {
      throw new TlsFatalAlert(AlertDescription.internal_error, e);
    }
  }
}
