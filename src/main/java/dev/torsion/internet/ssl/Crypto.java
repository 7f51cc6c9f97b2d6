package dev.torsion.internet.ssl;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
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
    JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      LOG.info("TLS: AES/GCM/NoPadding is served by the {} provider ({})",
          gcm.getProvider().getName(), gcm.getProvider().getInfo());
    } catch (GeneralSecurityException e) {
      LOG.warn("TLS: no JCA provider serves AES/GCM/NoPadding", e);
    }
    return crypto;
  }

  /** The name of the provider serving AES/GCM, for tests and diagnostics. */
  static String gcmProviderName() throws GeneralSecurityException {
    return Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName();
  }
}
