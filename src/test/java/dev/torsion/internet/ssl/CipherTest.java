package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;

import org.testng.annotations.Test;

public class CipherTest {
  static final String NAME = "CIPHER-STRING";

  /** twisted.test.test_sslverify.OpenSSLCipherTests.test_constructorSetsFullName */
  @Test
  public void constructorSetsFullName() {
    assertEquals(Cipher.of(NAME).fullName(), NAME);
  }

  /** twisted.test.test_sslverify.OpenSSLCipherTests.test_repr */
  @Test
  public void toStringNamesTheConstructorArgument() {
    Cipher c = Cipher.of(NAME);
    assertEquals(c.toString(), "Cipher(fullName='CIPHER-STRING')");
    String arg = c.toString().replaceAll("^Cipher\\(fullName='(.*)'\\)$", "$1");
    assertEquals(Cipher.of(arg), c);
  }

  /** twisted.test.test_sslverify.OpenSSLCipherTests.test_eqSameClass */
  @Test
  public void sameNameIsEqual() {
    assertEquals(Cipher.of(NAME), Cipher.of(NAME));
    assertEquals(Cipher.of(NAME).hashCode(), Cipher.of(NAME).hashCode());
    assertNotEquals(Cipher.of(NAME), Cipher.of("OTHER"));
  }

  /** A type that also has a full name, as Twisted's test builds one. */
  record DifferentCipher(String fullName) {}

  /** twisted.test.test_sslverify.OpenSSLCipherTests.test_eqSameNameDifferentType */
  @Test
  public void sameNameDifferentTypeIsNotEqual() {
    assertNotEquals(Cipher.of(NAME), new DifferentCipher(NAME));
  }
}
