package dev.torsion.internet.ssl;

import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;
import static org.testng.Assert.expectThrows;

import org.testng.annotations.Test;

/** RFC 6125 matching of names against a certificate. */
public class ServiceIdentityTest {
  private static PrivateCertificate cert(String cn) {
    return KeyPair.generate(KeyPair.Type.EC, 256).selfSignedCert(1, DistinguishedName.of("CN", cn));
  }

  @Test
  public void wildcardRules() {
    assertTrue(ServiceIdentity.matches("*.example.com", "www.example.com"));
    assertFalse(ServiceIdentity.matches("*.example.com", "a.b.example.com"));
    assertFalse(ServiceIdentity.matches("*.example.com", "example.com"));
    assertFalse(ServiceIdentity.matches("*.com", "example.com"));
    assertFalse(ServiceIdentity.matches("w*.example.com", "www.example.com"));
    assertTrue(ServiceIdentity.matches("example.com", "example.com"));
  }

  @Test
  public void dnsNamesMatchCaseInsensitivelyAndWithATrailingDot() {
    PrivateCertificate c = cert("Example.COM");
    ServiceIdentity.verify("example.com.", c.original());
    expectThrows(VerificationError.class,
        () -> ServiceIdentity.verify("other.com", c.original()));
  }

  @Test
  public void ipAddressesMatchOnlyIpEntries() {
    ServiceIdentity.verify("127.0.0.1", cert("127.0.0.1").original());
    ServiceIdentity.verify("::1", cert("0:0:0:0:0:0:0:1").original());
    ServiceIdentity.verify("[::1]", cert("::1").original());
    expectThrows(VerificationError.class,
        () -> ServiceIdentity.verify("127.0.0.2", cert("127.0.0.1").original()));
    expectThrows(VerificationError.class,
        () -> ServiceIdentity.verify("127.0.0.1", cert("localhost").original()));
  }

  @Test
  public void noCommonNameFallback() {
    PrivateCertificate c = cert("not a host name");
    expectThrows(VerificationError.class,
        () -> ServiceIdentity.verify("not a host name", c.original()));
  }
}
