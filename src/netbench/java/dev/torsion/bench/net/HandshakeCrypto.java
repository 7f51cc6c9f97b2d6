package dev.torsion.bench.net;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * The public-key operations a TLS 1.3 server performs in one full handshake, timed alone on
 * this thread's CPU clock: the X25519 key share (generate, agree) and the CertificateVerify
 * signature (ECDSA P-256 with SHA-256, or RSA-PSS 2048 with SHA-256), each with the JDK's
 * providers (what {@code JcaTlsCrypto} uses, and Netty's JDK SSLEngine) and, for X25519 and
 * ECDSA, with Bouncy Castle's own lightweight code. It tells how much of a handshake's CPU is
 * the JDK's asymmetric crypto, and what a different implementation of it would save. Run after
 * bench/net has built once:
 *
 * <pre>
 * taskset -c 0 java -cp "target/classes:target/test-classes:$(cat target/netbench.classpath)" \
 *   dev.torsion.bench.net.HandshakeCrypto
 * </pre>
 */
public final class HandshakeCrypto {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final byte[] TRANSCRIPT = new byte[32];
  private static long sink;

  private HandshakeCrypto() {}

  /** One operation to time. */
  private interface Op {
    void run() throws Exception;
  }

  /**
   * Times each operation: 1,000 unmeasured runs (C2), then 500 measured.
   *
   * @param args none
   * @throws Exception if the JDK lacks an algorithm
   */
  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    KeyPairGenerator xdh = KeyPairGenerator.getInstance("XDH");
    xdh.initialize(NamedParameterSpec.X25519);
    java.security.KeyPair peer = xdh.generateKeyPair();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    java.security.KeyPair ecKey = ec.generateKeyPair();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    java.security.KeyPair rsaKey = rsa.generateKeyPair();

    time("JDK X25519 key share (generate + agree)", () -> {
      java.security.KeyPair mine = xdh.generateKeyPair();
      KeyAgreement ka = KeyAgreement.getInstance("XDH");
      ka.init(mine.getPrivate());
      ka.doPhase(peer.getPublic(), true);
      sink += ka.generateSecret()[0];
    });
    time("JDK ECDSA P-256 sign (SHA256withECDSA)", () -> {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(ecKey.getPrivate());
      s.update(TRANSCRIPT);
      sink += s.sign()[0];
    });
    time("JDK RSA-PSS 2048 sign (SHA-256)", () -> {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      s.initSign(rsaKey.getPrivate());
      s.update(TRANSCRIPT);
      sink += s.sign()[0];
    });

    byte[] peerShare = new byte[X25519.POINT_SIZE];
    byte[] k = new byte[X25519.SCALAR_SIZE];
    X25519.generatePrivateKey(random, k);
    X25519.generatePublicKey(k, 0, peerShare, 0);
    time("Bouncy Castle X25519 key share (generate + agree)", () -> {
      byte[] priv = new byte[X25519.SCALAR_SIZE];
      byte[] pub = new byte[X25519.POINT_SIZE];
      byte[] secret = new byte[X25519.POINT_SIZE];
      X25519.generatePrivateKey(random, priv);
      X25519.generatePublicKey(priv, 0, pub, 0);
      X25519.calculateAgreement(priv, 0, peerShare, 0, secret, 0);
      sink += secret[0] + pub[0];
    });
    var curve = CustomNamedCurves.getByName("secp256r1");
    ECDomainParameters domain = new ECDomainParameters(curve.getCurve(), curve.getG(),
        curve.getN(), curve.getH());
    BigInteger d = ((java.security.interfaces.ECPrivateKey) ecKey.getPrivate()).getS();
    ECPrivateKeyParameters bcKey = new ECPrivateKeyParameters(d, domain);
    time("Bouncy Castle ECDSA P-256 sign (custom curve, RFC 6979 k)", () -> {
      ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
      s.init(true, bcKey);
      sink += s.generateSignature(TRANSCRIPT)[0].intValue();
    });
    System.out.println("(sink " + (sink & 1) + ")");
  }

  private static void time(String name, Op op) throws Exception {
    for (int i = 0; i < 1000; i++) {
      op.run();
    }
    int n = 500;
    long t0 = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < n; i++) {
      op.run();
    }
    long perOp = (THREADS.getCurrentThreadCpuTime() - t0) / n;
    System.out.printf("%-62s %8.1f µs CPU per operation%n", name, perOp / 1e3);
  }
}
