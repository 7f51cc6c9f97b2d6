package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotNull;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertSame;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsAgreement;
import org.bouncycastle.tls.crypto.TlsECConfig;
import org.bouncycastle.tls.crypto.TlsSigner;
import org.testng.annotations.Test;

/** The lightweight X25519 and P-256 code agrees with the JDK's, and handshakes still work. */
public class LightweightEcTest {
  /** An X.509 SubjectPublicKeyInfo header for a raw X25519 key (RFC 8410). */
  private static final byte[] X25519_SPKI = HexFormat.of().parseHex("302a300506032b656e032100");
  private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
      SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);
  private static final byte[] MESSAGE =
      "TLS 1.3, server CertificateVerify".getBytes(StandardCharsets.US_ASCII);

  private static PublicKey jdkX25519(byte[] raw) throws Exception {
    byte[] spki = Arrays.copyOf(X25519_SPKI, X25519_SPKI.length + raw.length);
    System.arraycopy(raw, 0, spki, X25519_SPKI.length, raw.length);
    return KeyFactory.getInstance("XDH").generatePublic(new X509EncodedKeySpec(spki));
  }

  private static byte[] raw(PublicKey key) {
    byte[] enc = key.getEncoded();
    return Arrays.copyOfRange(enc, enc.length - 32, enc.length);
  }

  @Test
  public void x25519SecretEqualsTheJdks() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
    g.initialize(NamedParameterSpec.X25519);
    for (int i = 0; i < 5; i++) {
      java.security.KeyPair jdk = g.generateKeyPair();
      TlsAgreement ours = Crypto.get().createECDomain(new TlsECConfig(NamedGroup.x25519))
          .createECDH();
      byte[] ourPublic = ours.generateEphemeral();
      ours.receivePeerValue(raw(jdk.getPublic()));
      byte[] ourSecret = ours.calculateSecret().extract();
      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(jdk.getPrivate());
      ka.doPhase(jdkX25519(ourPublic), true);
      assertEquals(ourSecret, ka.generateSecret());
    }
  }

  @Test
  public void x25519RefusesBadPeerShares() throws Exception {
    TlsAgreement a = LightweightEc.x25519(Crypto.get(), new SecureRandom()).createECDH();
    a.generateEphemeral();
    TlsFatalAlert shortShare = expectThrows(TlsFatalAlert.class,
        () -> a.receivePeerValue(new byte[31]));
    assertEquals(shortShare.getAlertDescription(), AlertDescription.illegal_parameter);
    // u = 0 is a point of small order: the shared secret would be all zeros.
    a.receivePeerValue(new byte[32]);
    TlsFatalAlert zero = expectThrows(TlsFatalAlert.class, a::calculateSecret);
    assertEquals(zero.getAlertDescription(), AlertDescription.handshake_failure);
  }

  @Test
  public void onlyP256KeysTakeTheLightweightPath() {
    KeyPair generated = KeyPair.generate(KeyPair.Type.EC, 256);
    ECPrivateKeyParameters params = LightweightEc.p256(generated.privateKey());
    assertNotNull(params);
    assertEquals(params.getD(),
        ((java.security.interfaces.ECPrivateKey) generated.privateKey()).getS());
    // Servers usually load their key from a PEM file (bench/net's do).
    assertNotNull(LightweightEc.p256(KeyPair.loadPEM(generated.dumpPEM()).privateKey()));
    assertNull(LightweightEc.p256(KeyPair.generate(KeyPair.Type.EC, 384).privateKey()));
    assertNull(LightweightEc.p256(CipherNegotiationTest.RSA_SERVER.privateKey().privateKey()));
  }

  @Test
  public void p256SignaturesVerifyWithTheJdkAndAreDeterministic() throws Exception {
    KeyPair key = KeyPair.generate(KeyPair.Type.EC, 256);
    ECPrivateKeyParameters params = LightweightEc.p256(key.privateKey());
    assertNotNull(params);
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    for (boolean tls13 : List.of(true, false)) {
      TlsSigner signer = LightweightEc.p256Signer(params, tls13, new SecureRandom());
      byte[] sig = signer.generateRawSignature(ECDSA_SHA256, hash);
      Signature jdk = Signature.getInstance("SHA256withECDSA");
      jdk.initVerify(key.publicKey());
      jdk.update(MESSAGE);
      assertTrue(jdk.verify(sig), "TLS 1.3 signer: " + tls13);
      // RFC 6979: the same key and hash give the same signature, whatever the random source.
      assertEquals(LightweightEc.p256Signer(params, tls13, new SecureRandom())
          .generateRawSignature(ECDSA_SHA256, hash), sig);
    }
  }

  @Test
  public void credentialsAreBuiltOncePerOptions() throws Exception {
    CertificateOptions options = CertificateOptions.builder()
        .privateKey(SslVerifyTest.SERVER.privateKey()).certificate(SslVerifyTest.SERVER).build();
    Object first = Signers.credentials(options, Crypto.get());
    assertSame(Signers.credentials(options, Crypto.get()), first);
    assertEquals(Signers.credentials(options, Crypto.get()).tls12().getCertificateAt(0)
        .getEncoded(), SslVerifyTest.SERVER.dump());
    assertNotNull(Signers.credentials(options, Crypto.get()).p256());
  }

  /** Full handshakes whose server signs with the lightweight ECDSA and agrees with X25519. */
  @Test
  public void p256ServerHandshakesOnTls12AndTls13() {
    for (TLSVersion v : List.of(TLSVersion.TLSv1_2, TLSVersion.TLSv1_3)) {
      CertificateOptions server = CertificateOptions.builder()
          .privateKey(SslVerifyTest.SERVER.privateKey()).certificate(SslVerifyTest.SERVER)
          .build();
      CertificateOptions.Builder client = CertificateOptions.builder()
          .raiseMinimumTo(v).lowerMaximumSecurityTo(v);
      SslVerifyTest.Conn k = SslVerifyTest.connect(SSL.optionsForClientTLS("example.com",
          SslVerifyTest.TRUST, null, List.of(), client), server);
      assertTrue(k.ok(), "handshake on " + v);
    }
  }
}
