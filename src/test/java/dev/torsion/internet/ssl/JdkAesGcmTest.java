package dev.torsion.internet.ssl;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNotEquals;
import static org.testng.Assert.assertThrows;
import static org.testng.Assert.expectThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.testng.annotations.Test;

/** The record layer's AES-GCM on the JDK cipher: sealing, opening, tampering, nonces. */
public class JdkAesGcmTest {
  private static final byte[] KEY16 = bytes(16, 1);
  private static final byte[] KEY32 = bytes(32, 7);
  private static final byte[] AAD = bytes(13, 40);
  private static final byte[] TEXT = "a TLS record's plaintext".getBytes(StandardCharsets.US_ASCII);

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + 31 * i);
    }
    return b;
  }

  private static JdkAesGcm keyed(byte[] key, boolean encrypt) throws Exception {
    JdkAesGcm c = new JdkAesGcm(key.length, encrypt);
    c.setKey(key, 0, key.length);
    return c;
  }

  private static byte[] seal(JdkAesGcm c, byte[] nonce, byte[] text) throws Exception {
    c.init(nonce, 16);
    byte[] out = new byte[c.getOutputSize(text.length)];
    assertEquals(c.doFinal(AAD, text, 0, text.length, out, 0), out.length);
    return out;
  }

  private static byte[] open(JdkAesGcm c, byte[] nonce, byte[] sealed) throws Exception {
    c.init(nonce, 16);
    byte[] out = new byte[c.getOutputSize(sealed.length)];
    assertEquals(c.doFinal(AAD, sealed, 0, sealed.length, out, 0), out.length);
    return out;
  }

  @Test
  public void roundTripsAndMatchesThePlainJdkCipher() throws Exception {
    for (byte[] key : List.of(KEY16, KEY32)) {
      byte[] nonce = bytes(12, key.length);
      byte[] sealed = seal(keyed(key, true), nonce, TEXT);
      assertEquals(sealed.length, TEXT.length + 16);
      assertEquals(open(keyed(key, false), nonce, sealed), TEXT);
      Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
      jdk.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
          new GCMParameterSpec(128, nonce));
      jdk.updateAAD(AAD);
      assertEquals(jdk.doFinal(sealed), TEXT);
    }
  }

  @Test
  public void writesAtTheOutputOffsetAndWorksInPlace() throws Exception {
    byte[] nonce = bytes(12, 3);
    byte[] sealed = seal(keyed(KEY16, true), nonce, TEXT);
    byte[] buf = new byte[5 + sealed.length];
    System.arraycopy(sealed, 0, buf, 5, sealed.length);
    JdkAesGcm opener = keyed(KEY16, false);
    opener.init(nonce, 16);
    // The engine decrypts a record in place, over its own ciphertext.
    int n = opener.doFinal(AAD, buf, 5, sealed.length, buf, 5);
    assertEquals(Arrays.copyOfRange(buf, 5, 5 + n), TEXT);
  }

  @Test
  public void tamperedRecordIsBadRecordMac() throws Exception {
    byte[] nonce = bytes(12, 9);
    for (int at : new int[] {0, TEXT.length - 1, TEXT.length + 15}) {
      byte[] sealed = seal(keyed(KEY32, true), nonce, TEXT);
      sealed[at] ^= 1;
      TlsFatalAlert alert = expectThrows(TlsFatalAlert.class,
          () -> open(keyed(KEY32, false), nonce, sealed));
      assertEquals(alert.getAlertDescription(), AlertDescription.bad_record_mac);
    }
    byte[] sealed = seal(keyed(KEY32, true), nonce, TEXT);
    JdkAesGcm opener = keyed(KEY32, false);
    opener.init(nonce, 16);
    byte[] otherAad = AAD.clone();
    otherAad[0] ^= 1;
    TlsFatalAlert alert = expectThrows(TlsFatalAlert.class,
        () -> opener.doFinal(otherAad, sealed, 0, sealed.length, new byte[TEXT.length], 0));
    assertEquals(alert.getAlertDescription(), AlertDescription.bad_record_mac);
  }

  @Test
  public void eachRecordUsesItsOwnNonceOnOneKeyedInstance() throws Exception {
    JdkAesGcm sealer = keyed(KEY16, true);
    JdkAesGcm opener = keyed(KEY16, false);
    byte[] previous = null;
    for (int seq = 0; seq < 50; seq++) {
      byte[] nonce = bytes(12, 5);
      nonce[11] ^= (byte) seq;
      byte[] sealed = seal(sealer, nonce, TEXT);
      if (previous != null) {
        assertNotEquals(sealed, previous);
      }
      assertEquals(open(opener, nonce, sealed), TEXT);
      previous = sealed;
      byte[] wrong = nonce.clone();
      wrong[0] ^= 1;
      TlsFatalAlert alert = expectThrows(TlsFatalAlert.class,
          () -> open(keyed(KEY16, false), wrong, sealed));
      assertEquals(alert.getAlertDescription(), AlertDescription.bad_record_mac);
    }
  }

  @Test
  public void sealingTwiceUnderOneNonceIsRefused() throws Exception {
    JdkAesGcm sealer = keyed(KEY16, true);
    byte[] nonce = bytes(12, 2);
    seal(sealer, nonce, TEXT);
    TlsFatalAlert alert = expectThrows(TlsFatalAlert.class, () -> seal(sealer, nonce, TEXT));
    assertEquals(alert.getAlertDescription(), AlertDescription.internal_error);
  }

  @Test
  public void refusesWrongKeysAndUseBeforeKey() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> new JdkAesGcm(24, true));
    assertThrows(IllegalStateException.class,
        () -> new JdkAesGcm(16, true).setKey(KEY32, 0, 32));
    TlsFatalAlert alert = expectThrows(TlsFatalAlert.class,
        () -> new JdkAesGcm(16, false).init(bytes(12, 0), 16));
    assertEquals(alert.getAlertDescription(), AlertDescription.internal_error);
  }

  @Test
  public void outputSizesFollowTheTag() throws Exception {
    assertEquals(keyed(KEY16, true).getOutputSize(100), 116);
    assertEquals(keyed(KEY16, false).getOutputSize(116), 100);
    assertEquals(keyed(KEY16, false).getOutputSize(3), 0);
  }
}
