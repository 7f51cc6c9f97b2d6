package dev.torsion.internet.ssl;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.TlsECDomain;
import org.bouncycastle.tls.crypto.TlsSecret;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsECDSA13Signer;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsECDSASigner;
import org.jspecify.annotations.Nullable;

/**
 * The handshake's elliptic-curve arithmetic on Bouncy Castle's lightweight classes: X25519 key
 * shares (RFC 7748) and ECDSA P-256 signatures on the special-form curve, several times faster
 * than the JDK's generic code. Bouncy Castle is used as a library here, never registered as a
 * JCA provider; the record ciphers stay on the JDK. Signatures are deterministic (RFC 6979,
 * {@code HMacDSAKCalculator}), so no randomness quality rides on them. Stateless apart from
 * one agreement's key pair; every method may be called from any thread.
 */
final class LightweightEc {
  private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
  private static final ECDomainParameters P256_DOMAIN =
      new ECNamedDomainParameters(SECObjectIdentifiers.secp256r1, P256);

  private LightweightEc() {}

  /** An X25519 domain whose shared secrets belong to {@code crypto} (so its key schedule). */
  static TlsECDomain x25519(TlsCrypto crypto, SecureRandom random) {
    return () -> new X25519Agreement(crypto, random);
  }

  /**
   * {@code key} as lightweight parameters on the fast P-256 curve, or null when it is not an
   * EC key on P-256 (other curves keep the JDK's code).
   */
  static @Nullable ECPrivateKeyParameters p256(PrivateKey key) {
    if (!(key instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
      return null;
    }
    return new ECPrivateKeyParameters(ec.getS(), P256_DOMAIN);
  }

  private static boolean isP256(ECParameterSpec spec) {
    if (!(spec.getCurve().getField() instanceof ECFieldFp field)) {
      return false;
    }
    return field.getP().equals(P256.getCurve().getField().getCharacteristic())
        && spec.getCurve().getA().equals(P256.getCurve().getA().toBigInteger())
        && spec.getCurve().getB().equals(P256.getCurve().getB().toBigInteger())
        && spec.getOrder().equals(P256.getN())
        && spec.getGenerator().getAffineX().equals(coordinate(true))
        && spec.getGenerator().getAffineY().equals(coordinate(false));
  }

  private static BigInteger coordinate(boolean x) {
    var g = P256.getG().normalize();
    return (x ? g.getAffineXCoord() : g.getAffineYCoord()).toBigInteger();
  }

  /**
   * A deterministic ECDSA signer for {@code ecdsa_secp256r1_sha256}: the TLS 1.3 scheme (which
   * binds the curve) or the TLS 1.2 ecdsa/sha256 pair. The engine hashes; this signs the hash.
   */
  static TlsSigner p256Signer(ECPrivateKeyParameters key, boolean tls13, SecureRandom random) {
    BcTlsCrypto bc = new BcTlsCrypto(random);
    return tls13 ? new BcTlsECDSA13Signer(bc, key, SignatureScheme.ecdsa_secp256r1_sha256)
        : new BcTlsECDSASigner(bc, key);
  }

  /** One X25519 exchange: ephemeral key, peer's share, shared secret (wiped after use). */
  private static final class X25519Agreement implements TlsAgreement {
    private final TlsCrypto crypto;
    private final SecureRandom random;
    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
    private final byte[] peerPublicKey = new byte[X25519.POINT_SIZE];

    X25519Agreement(TlsCrypto crypto, SecureRandom random) {
      this.crypto = crypto;
      this.random = random;
    }

    @Override
    public byte[] generateEphemeral() {
      X25519.generatePrivateKey(random, privateKey);
      byte[] publicKey = new byte[X25519.POINT_SIZE];
      X25519.generatePublicKey(privateKey, 0, publicKey, 0);
      return publicKey;
    }

    @Override
    public void receivePeerValue(byte[] peerValue) throws IOException {
      if (peerValue.length != X25519.POINT_SIZE) {
        throw new TlsFatalAlert(AlertDescription.illegal_parameter,
            "X25519 key share of " + peerValue.length + " bytes");
      }
      System.arraycopy(peerValue, 0, peerPublicKey, 0, X25519.POINT_SIZE);
    }

    @Override
    public TlsSecret calculateSecret() throws IOException {
      byte[] secret = new byte[X25519.POINT_SIZE];
      try {
        // false means an all-zero result: the peer sent a small-order point (RFC 7748 s6.1).
        if (!X25519.calculateAgreement(privateKey, 0, peerPublicKey, 0, secret, 0)) {
          throw new TlsFatalAlert(AlertDescription.handshake_failure,
              "X25519 key share of small order");
        }
        return crypto.createSecret(secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
        Arrays.fill(privateKey, (byte) 0);
        Arrays.fill(peerPublicKey, (byte) 0);
      }
    }
  }
}
