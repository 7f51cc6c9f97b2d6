package dev.torsion.internet.ssl;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.jcajce.util.DefaultJcaJceHelper;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.EncryptionAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.Tls13Verifier;
import org.bouncycastle.tls.crypto.TlsCipher;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipherImpl;
import org.bouncycastle.tls.crypto.impl.TlsAEADCipher;
import org.bouncycastle.tls.crypto.TlsStreamSigner;
import org.bouncycastle.tls.crypto.TlsStreamVerifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link JcaTlsCrypto} every connection shares. It goes through the JDK's own JCA
 * providers (Bouncy Castle is never installed as a provider), so AES-GCM and ChaCha20 run on
 * HotSpot's intrinsics; the first use logs which provider serves AES/GCM.
 */
final class Crypto {
  private static final Logger LOG = LoggerFactory.getLogger(Crypto.class);

  private Crypto() {}

  private static final class Holder {
    static final JcaTlsCrypto CRYPTO = create();
  }

  static JcaTlsCrypto get() {
    return Holder.CRYPTO;
  }

  private static JcaTlsCrypto create() {
    SecureRandom random = new SecureRandom();
    JcaTlsCrypto crypto = new JdkNamesCrypto(new DefaultJcaJceHelper(), random, random);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      LOG.info("TLS: AES/GCM/NoPadding is served by the {} provider ({})",
          gcm.getProvider().getName(), gcm.getProvider().getInfo());
    } catch (GeneralSecurityException e) {
      LOG.warn("TLS: no JCA provider serves AES/GCM/NoPadding", e);
    }
    return crypto;
  }

  /**
   * Bouncy Castle asks for RSA-PSS under its own provider's names ({@code SHA256WITHRSASSA-PSS},
   * {@code SHA256WITHRSAANDMGF1}); the JDK knows one {@code RSASSA-PSS} algorithm configured by
   * a {@link PSSParameterSpec}. This maps the one to the other, so RSA certificates work in
   * TLS 1.3 (which signs with PSS) without installing Bouncy Castle as a provider.
   */
  private static final class JdkNamesCrypto extends JcaTlsCrypto {
    private static final boolean CHACHA = JdkChaCha20Poly1305.available();

    JdkNamesCrypto(DefaultJcaJceHelper helper, SecureRandom entropy, SecureRandom nonce) {
      super(helper, entropy, nonce);
    }

    /** ChaCha20-Poly1305 comes from the JDK's AEAD cipher ({@link JdkChaCha20Poly1305}). */
    @Override
    public boolean hasEncryptionAlgorithm(int encryptionAlgorithm) {
      if (encryptionAlgorithm == EncryptionAlgorithm.CHACHA20_POLY1305) {
        return CHACHA;
      }
      return super.hasEncryptionAlgorithm(encryptionAlgorithm);
    }

    @Override
    public TlsCipher createCipher(TlsCryptoParameters parameters, int encryptionAlgorithm,
        int macAlgorithm) throws IOException {
      if (encryptionAlgorithm != EncryptionAlgorithm.CHACHA20_POLY1305) {
        return super.createCipher(parameters, encryptionAlgorithm, macAlgorithm);
      }
      try {
        return new TlsAEADCipher(parameters, new JdkChaCha20Poly1305(true),
            new JdkChaCha20Poly1305(false), 32, 16, TlsAEADCipher.AEAD_CHACHA20_POLY1305);
      } catch (GeneralSecurityException e) {
        throw new TlsFatalAlert(AlertDescription.internal_error, e);
      }
    }

    /** AES-GCM records go to {@link JdkAesGcm} (no per-record provider look-up). */
    @Override
    protected TlsAEADCipherImpl createAEADCipher(String cipherName, String algorithm,
        int keySize, boolean isEncrypting) throws GeneralSecurityException {
      if (JdkAesGcm.TRANSFORMATION.equals(cipherName)) {
        return new JdkAesGcm(keySize, isEncrypting);
      }
      return super.createAEADCipher(cipherName, algorithm, keySize, isEncrypting);
    }

    /** X25519 key shares use the lightweight RFC 7748 code ({@link LightweightEc}). */
    @Override
    public TlsECDomain createECDomain(TlsECConfig ecConfig) {
      if (ecConfig.getNamedGroup() == NamedGroup.x25519) {
        return LightweightEc.x25519(this, getSecureRandom());
      }
      return super.createECDomain(ecConfig);
    }

    @Override
    protected TlsStreamSigner createStreamSigner(String algorithmName,
        @Nullable AlgorithmParameterSpec parameter, PrivateKey privateKey, boolean needsRandom)
        throws IOException {
      String digest = pssDigest(algorithmName);
      if (digest == null) {
        return super.createStreamSigner(algorithmName, parameter, privateKey, needsRandom);
      }
      return super.createStreamSigner("RSASSA-PSS", pss(digest, parameter), privateKey,
          needsRandom);
    }

    @Override
    protected TlsStreamVerifier createStreamVerifier(String algorithmName,
        @Nullable AlgorithmParameterSpec parameter, byte[] signature, PublicKey publicKey)
        throws IOException {
      String digest = pssDigest(algorithmName);
      if (digest == null) {
        return super.createStreamVerifier(algorithmName, parameter, signature, publicKey);
      }
      return super.createStreamVerifier("RSASSA-PSS", pss(digest, parameter), signature,
          publicKey);
    }

    @Override
    protected Tls13Verifier createTls13Verifier(String algorithmName,
        @Nullable AlgorithmParameterSpec parameter, PublicKey publicKey) throws IOException {
      String digest = pssDigest(algorithmName);
      if (digest == null) {
        return super.createTls13Verifier(algorithmName, parameter, publicKey);
      }
      return super.createTls13Verifier("RSASSA-PSS", pss(digest, parameter), publicKey);
    }

    /** "SHA256WITHRSASSA-PSS" or "SHA256WITHRSAANDMGF1" to "SHA-256"; else null. */
    private static @Nullable String pssDigest(String name) {
      String n = name.toUpperCase(Locale.ROOT);
      int with = n.indexOf("WITHRSA");
      if (with <= 3 || !(n.endsWith("WITHRSASSA-PSS") || n.endsWith("WITHRSAANDMGF1"))) {
        return null;
      }
      return "SHA-" + n.substring(3, with);
    }

    private static AlgorithmParameterSpec pss(String digest,
        @Nullable AlgorithmParameterSpec given) {
      if (given instanceof PSSParameterSpec) {
        return given;
      }
      int saltLength = Integer.parseInt(digest.substring(4)) / 8;
      return new PSSParameterSpec(digest, "MGF1", new MGF1ParameterSpec(digest), saltLength, 1);
    }
  }

  /** The name of the provider serving AES/GCM, for tests and diagnostics. */
  static String gcmProviderName() throws GeneralSecurityException {
    return Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName();
  }
}
