package dev.torsion.internet.ssl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsUtils;
import org.jspecify.annotations.Nullable;

/** Cipher-suite choice: the strict default list, names, and filtering by version and key. */
final class CipherSuites {
  /** AEAD only, forward-secret only; TLS 1.3 first. */
  static final int[] DEFAULT = {
    CipherSuite.TLS_AES_128_GCM_SHA256,
    CipherSuite.TLS_AES_256_GCM_SHA384,
    CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
  };

  /** Added to {@link #DEFAULT} for a server that has {@link DiffieHellmanParameters}. */
  static final int[] DHE = {
    CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
    CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384,
    CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
  };

  private static final Map<String, Integer> BY_NAME = new HashMap<>();
  private static final Map<Integer, String> NAMES = new HashMap<>();

  static {
    for (Field f : CipherSuite.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class
          && f.getName().startsWith("TLS_")) {
        try {
          BY_NAME.put(f.getName(), f.getInt(null));
          NAMES.putIfAbsent(f.getInt(null), f.getName());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private CipherSuites() {}

  private static final class Supported {
    static final List<String> NAMES = supported();
    static final List<Cipher> CIPHERS = NAMES.stream().map(Cipher::of).toList();

    private static List<String> supported() {
      int[] all = BY_NAME.values().stream().distinct().sorted().mapToInt(Integer::intValue)
          .toArray();
      return List.copyOf(names(TlsUtils.getSupportedCipherSuites(Crypto.get(), all)));
    }
  }

  /** The IANA names of every suite the engine and the JDK's crypto can run, by code point. */
  static List<String> supportedNames() {
    return Supported.NAMES;
  }

  static int[] byName(List<String> names) {
    int[] out = new int[names.size()];
    for (int i = 0; i < out.length; i++) {
      Integer v = BY_NAME.get(names.get(i));
      if (v == null) {
        throw new IllegalArgumentException("unknown cipher suite: " + names.get(i));
      }
      out[i] = v;
    }
    return out;
  }

  private static List<String> names(List<Cipher> ciphers) {
    return ciphers.stream().map(Cipher::fullName).toList();
  }

  static List<String> names(int[] suites) {
    List<String> out = new ArrayList<>(suites.length);
    for (int s : suites) {
      out.add(NAMES.getOrDefault(s, String.format("0x%04X", s)));
    }
    return out;
  }

  /**
   * The suites {@code options} allow for their version range, supported by the crypto; for a
   * server with a key of {@code keyAlgorithm} ("RSA"/"EC"), only TLS 1.2 suites that key can
   * sign for (so the engine never picks a suite it has no credentials for).
   */
  static int[] select(CertificateOptions options, @Nullable String keyAlgorithm) {
    AcceptableCiphers acceptable = options.acceptableCiphers;
    int[] wanted = acceptable != null ? byName(names(acceptable.selectCiphers(Supported.CIPHERS)))
        : keyAlgorithm != null && options.dhParameters != null ? concat(DEFAULT, DHE) : DEFAULT;
    ProtocolVersion[] versions = options.versions();
    List<Integer> out = new ArrayList<>();
    for (int s : wanted) {
      boolean anyVersion = false;
      for (ProtocolVersion v : versions) {
        anyVersion |= TlsUtils.isValidVersionForCipherSuite(s, v);
      }
      if (anyVersion && fitsKey(s, keyAlgorithm)) {
        out.add(s);
      }
    }
    int[] arr = out.stream().mapToInt(Integer::intValue).toArray();
    return TlsUtils.getSupportedCipherSuites(Crypto.get(), arr);
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static boolean fitsKey(int suite, @Nullable String keyAlgorithm) {
    if (keyAlgorithm == null) {
      return true;
    }
    int kx = TlsUtils.getKeyExchangeAlgorithm(suite);
    switch (kx) {
      case KeyExchangeAlgorithm.NULL:
        return true;
      case KeyExchangeAlgorithm.ECDHE_ECDSA:
        return "EC".equals(keyAlgorithm);
      case KeyExchangeAlgorithm.ECDHE_RSA:
      case KeyExchangeAlgorithm.DHE_RSA:
      case KeyExchangeAlgorithm.RSA:
        return "RSA".equals(keyAlgorithm);
      default:
        return false;
    }
  }
}
