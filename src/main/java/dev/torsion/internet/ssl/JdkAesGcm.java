package dev.torsion.internet.ssl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.jspecify.annotations.Nullable;

/**
 * AES-GCM on the JDK's own {@code AES/GCM/NoPadding} cipher, for the TLS record layer. Bouncy
 * Castle's generic JCA AEAD wrapper looks up an {@code AlgorithmParameters} (a provider search)
 * for every record; this builds the {@link GCMParameterSpec} directly and keeps one
 * {@link Cipher} and key per direction, so a record costs one {@code init} with its nonce and
 * one {@code doFinal} into the caller's array. The JDK refuses to encrypt twice under one
 * key and nonce; TLS never does, since every record has a fresh nonce. One instance per
 * direction of one connection; used on the reactor thread only.
 */
final class JdkAesGcm implements TlsAEADCipherImpl {
  static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final Cipher cipher;
  private final int mode;
  private final int keySize;
  private @Nullable SecretKeySpec key;
  private int tagBytes = 16;

  /**
   * @param keySize the key length in bytes (16 or 32)
   * @param encrypt whether this instance seals records (else it opens them)
   */
  JdkAesGcm(int keySize, boolean encrypt) throws GeneralSecurityException {
    if (keySize != 16 && keySize != 32) {
      throw new IllegalArgumentException("AES-GCM key size must be 16 or 32 bytes: " + keySize);
    }
    this.cipher = Cipher.getInstance(TRANSFORMATION);
    this.mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
    this.keySize = keySize;
  }

  @Override
  public void setKey(byte[] key, int keyOff, int keyLen) {
    if (keyLen != keySize) {
      throw new IllegalStateException("AES-GCM key of " + keyLen + " bytes, expected " + keySize);
    }
    this.key = new SecretKeySpec(key, keyOff, keyLen, "AES");
  }

  @Override
  public void init(byte[] nonce, int macSize) throws IOException {
    SecretKeySpec k = key;
    if (k == null) {
      throw new TlsFatalAlert(AlertDescription.internal_error, "AES-GCM used before its key");
    }
    try {
      cipher.init(mode, k, new GCMParameterSpec(macSize * 8, nonce));
      tagBytes = macSize;
    } catch (GeneralSecurityException e) {
      throw new TlsFatalAlert(AlertDescription.internal_error, e);
    }
  }

  @Override
  public int getOutputSize(int inputLength) {
    return mode == Cipher.ENCRYPT_MODE ? inputLength + tagBytes
        : Math.max(0, inputLength - tagBytes);
  }

  @Override
  public int doFinal(byte @Nullable [] additionalData, byte[] input, int inputOffset,
      int inputLength, byte[] output, int outputOffset) throws IOException {
    try {
      if (additionalData != null && additionalData.length > 0) {
        cipher.updateAAD(additionalData);
      }
      return cipher.doFinal(input, inputOffset, inputLength, output, outputOffset);
    } catch (AEADBadTagException e) {
      throw new TlsFatalAlert(AlertDescription.bad_record_mac, e);
    } catch (GeneralSecurityException e) {
      throw new TlsFatalAlert(AlertDescription.internal_error, e);
    }
  }
}
