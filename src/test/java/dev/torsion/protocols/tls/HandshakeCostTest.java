package dev.torsion.protocols.tls;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.DistinguishedName;
import dev.torsion.internet.ssl.KeyPair;
import dev.torsion.internet.ssl.PrivateCertificate;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.testng.annotations.Test;

/**
 * The CPU one handshake costs, both ends together, measured on this thread over an in-memory
 * connection (no sockets): the figure docs/tls.md uses to decide whether handshakes should run
 * off the reactor thread. Bounded: a fixed number of handshakes per key type.
 */
public class HandshakeCostTest {
  private static final int WARMUP = 10;
  private static final int MEASURED = 40;

  private static double cpuMillisPerHandshake(PrivateCertificate cert, String label) {
    CertificateOptions server = cert.options();
    var client = SSL.optionsForClientTLS("cost.example.com",
        SSL.trustRootFromCertificates(List.of(cert)));
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long start = 0;
    for (int i = 0; i < WARMUP + MEASURED; i++) {
      if (i == WARMUP) {
        start = mx.getCurrentThreadCpuTime();
      }
      AccumulatingProtocol c = new AccumulatingProtocol();
      AccumulatingProtocol s = new AccumulatingProtocol();
      TlsFixtures.Pair p = TlsFixtures.connect(client, c, server, s, new Clock());
      p.pump().flush();
      assertTrue(p.client().handshakeDone() && p.server().handshakeDone(),
          label + ": " + c.closedReason() + " / " + s.closedReason() + " cause "
          + (s.closedReason() == null ? "" : String.valueOf(s.closedReason().value().getCause())));
    }
    double ms = (mx.getCurrentThreadCpuTime() - start) / 1e6 / MEASURED;
    System.out.printf("TLS 1.3 handshake CPU, %s, client+server: %.2f ms%n", label, ms);
    return ms;
  }

  /** An RSA certificate serves TLS 1.2 (PKCS#1 or PSS) and TLS 1.3 (PSS, through the JDK). */
  @Test
  public void rsaCertificateServesTls12AndTls13() {
    PrivateCertificate rsa = KeyPair.generate(KeyPair.Type.RSA, 2048)
        .selfSignedCert(3, DistinguishedName.of("CN", "rsa.example.com"));
    for (var max : List.of(dev.torsion.internet.ssl.TLSVersion.TLSv1_2,
        dev.torsion.internet.ssl.TLSVersion.TLSv1_3)) {
      var client = SSL.optionsForClientTLS("rsa.example.com",
          SSL.trustRootFromCertificates(List.of(rsa)), null, List.of(),
          CertificateOptions.builder().lowerMaximumSecurityTo(max));
      AccumulatingProtocol c = new AccumulatingProtocol();
      TlsFixtures.Pair p = TlsFixtures.connect(client, c, rsa.options(),
          new AccumulatingProtocol(), new Clock());
      p.pump().flush();
      assertEquals(p.client().negotiatedVersion(), max.name().replace("_", "."),
          "" + c.closedReason());
    }
  }

  /** Every handshake completes; the cost per handshake is printed for docs/tls.md. */
  @Test
  public void handshakeCpuCost() {
    PrivateCertificate ec = KeyPair.generate(KeyPair.Type.EC, 256)
        .selfSignedCert(1, DistinguishedName.of("CN", "cost.example.com"));
    PrivateCertificate rsa = KeyPair.generate(KeyPair.Type.RSA, 2048)
        .selfSignedCert(2, DistinguishedName.of("CN", "cost.example.com"));
    double a = cpuMillisPerHandshake(ec, "ECDSA P-256");
    double b = cpuMillisPerHandshake(rsa, "RSA-2048");
    assertTrue(a > 0 && b > 0);
    assertEquals(Double.isFinite(a + b), true);
  }
}
