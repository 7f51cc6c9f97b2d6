package dev.torsion.internet.ssl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * OpenSSL's cipher-string language ({@code man 1 ciphers}) over the suites Torsion's peers can
 * use: (EC)DHE and RSA key exchange with AES (GCM, CCM, CBC) or ChaCha20-Poly1305, and the TLS
 * 1.3 suites. Camellia, ARIA, 3DES, RC4, PSK, SRP, DSS, anonymous and NULL suites are not in
 * that set, so words naming them match nothing (which is what {@code !aNULL:!MD5:!DSS} wants).
 *
 * <p>Words: a suite's OpenSSL or IANA name, or an alias ({@code ALL}, {@code HIGH},
 * {@code DEFAULT}, {@code ECDHE}/{@code EECDH}/{@code ECDH}, {@code DHE}/{@code EDH}/
 * {@code DH}, {@code kRSA}/{@code RSA}, {@code aRSA}, {@code aECDSA}/{@code ECDSA},
 * {@code AES}, {@code AES128}, {@code AES256}, {@code AESGCM}, {@code AESCCM},
 * {@code AESCCM8}, {@code CHACHA20}, {@code AEAD}, {@code SHA1}/{@code SHA}, {@code SHA256},
 * {@code SHA384}, {@code TLSv1}, {@code TLSv1.2}), joined by {@code +} to intersect. Each
 * element may be prefixed by {@code !} (remove for good), {@code -} (remove) or {@code +}
 * (move to the end); {@code @STRENGTH} sorts by key size; unknown words match nothing.
 * Elements are separated by colons, commas or spaces.
 *
 * <p>As OpenSSL 1.1.1 and later do, the TLS 1.3 suites are not governed by the string: they
 * come first whenever the string selects anything, and an expansion that selects nothing is
 * empty. The order of {@code ALL} is OpenSSL 3.0's for the same suites.
 */
final class OpenSSLCipherString {
  /** One suite and the words that select it. */
  record Suite(String iana, Set<String> words, int bits, boolean tls13) {}

  private static final List<Suite> ALL = universe();

  private OpenSSLCipherString() {}

  /** The ciphers {@code cipherString} selects, most preferred first; empty if none. */
  static List<Cipher> expand(String cipherString) {
    List<Suite> active = new ArrayList<>();
    Set<Suite> banned = new HashSet<>();
    for (String element : cipherString.trim().split("[:, ]+")) {
      if (element.isEmpty()) {
        continue;
      }
      if (element.startsWith("@")) {
        if (element.equals("@STRENGTH")) {
          active.sort(Comparator.comparingInt(s -> -s.bits()));
        }
        continue;
      }
      char op = "!-+".indexOf(element.charAt(0)) >= 0 ? element.charAt(0) : ' ';
      List<Suite> matches = matching(op == ' ' ? element : element.substring(1));
      switch (op) {
        case '!':
          banned.addAll(matches);
          active.removeAll(matches);
          break;
        case '-':
          active.removeAll(matches);
          break;
        case '+':
          List<Suite> moved = new ArrayList<>(active);
          moved.retainAll(matches);
          active.removeAll(moved);
          active.addAll(moved);
          break;
        default:
          for (Suite s : matches) {
            if (!banned.contains(s) && !active.contains(s)) {
              active.add(s);
            }
          }
      }
    }
    List<Cipher> out = new ArrayList<>();
    if (active.isEmpty()) {
      return out;
    }
    for (Suite s : ALL) {
      if (s.tls13()) {
        out.add(Cipher.of(s.iana()));
      }
    }
    for (Suite s : active) {
      out.add(Cipher.of(s.iana()));
    }
    return out;
  }

  /** The TLS 1.2-and-older suites that have every {@code +}-joined word of {@code expr}. */
  private static List<Suite> matching(String expr) {
    String[] words = expr.split("\\+");
    List<Suite> out = new ArrayList<>();
    for (Suite s : ALL) {
      boolean all = !s.tls13();
      for (String w : words) {
        all &= s.words().contains(w);
      }
      if (all) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<Suite> universe() {
    List<Suite> out = new ArrayList<>();
    for (String iana : CipherSuites.supportedNames()) {
      Suite s = describe(iana);
      if (s != null) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparingInt(OpenSSLCipherString::rank));
    return List.copyOf(out);
  }

  /** OpenSSL 3.0's order: TLS 1.3; forward secret before RSA key exchange; AEAD, then CBC. */
  private static int rank(Suite s) {
    if (s.tls13()) {
      return s.words().contains("AES256") ? 0 : s.words().contains("CHACHA20") ? 1 : 2;
    }
    Set<String> w = s.words();
    int kxRsa = w.contains("kRSA") ? 1 : 0;
    int family = w.contains("AEAD") ? 0 : w.contains("SHA1") ? 2 : 1;
    int enc = w.contains("AESGCM") ? 0 : w.contains("CHACHA20") ? 1
        : w.contains("AESCCM8") ? 2 : 3;
    int kx = w.contains("aECDSA") ? 0 : w.contains("kECDHE") ? 1 : w.contains("kDHE") ? 2 : 3;
    return 10 + kxRsa * 10000 + family * 1000 + (256 - s.bits()) + enc * 10 + kx;
  }

  /** The words of one IANA-named suite, or null for a suite outside the supported set. */
  private static @Nullable Suite describe(String iana) {
    Set<String> w = new LinkedHashSet<>();
    w.add(iana);
    w.add("ALL");
    w.add("HIGH");
    int with = iana.indexOf("_WITH_");
    boolean tls13 = with < 0;
    String kx = tls13 ? "" : iana.substring(4, with);
    String rest = tls13 ? iana.substring(4) : iana.substring(with + 6);
    String prefix;
    switch (kx) {
      case "":
        prefix = "";
        w.add("TLSv1.3");
        break;
      case "ECDHE_ECDSA":
        prefix = "ECDHE-ECDSA-";
        w.addAll(List.of("kECDHE", "kEECDH", "ECDHE", "EECDH", "ECDH", "aECDSA", "ECDSA"));
        break;
      case "ECDHE_RSA":
        prefix = "ECDHE-RSA-";
        w.addAll(List.of("kECDHE", "kEECDH", "ECDHE", "EECDH", "ECDH", "aRSA"));
        break;
      case "DHE_RSA":
        prefix = "DHE-RSA-";
        w.addAll(List.of("kDHE", "kEDH", "DHE", "EDH", "DH", "aRSA"));
        break;
      case "RSA":
        prefix = "";
        w.addAll(List.of("kRSA", "RSA", "aRSA"));
        break;
      default:
        return null;
    }
    String body = body(rest, w);
    if (body == null || (tls13 && body.contains("CCM"))) {
      return null;
    }
    if (!w.contains("AESCCM") && !w.contains("AESCCM8")) {
      w.add("DEFAULT"); // OpenSSL 3.0's DEFAULT leaves out the CCM suites
    }
    if (tls13) {
      w.add("TLS13-" + rest.replace('_', '-'));
    } else {
      w.add(prefix + body);
      w.add(w.contains("SHA1") ? "TLSv1" : "TLSv1.2");
    }
    return new Suite(iana, Set.copyOf(w), w.contains("AES128") ? 128 : 256, tls13);
  }

  /** OpenSSL's name for the cipher and MAC part, adding their words; null if unsupported. */
  private static @Nullable String body(String rest, Set<String> w) {
    if (rest.startsWith("CHACHA20_POLY1305")) {
      w.addAll(List.of("CHACHA20", "AEAD"));
      return "CHACHA20-POLY1305";
    }
    if (!rest.startsWith("AES_128_") && !rest.startsWith("AES_256_")) {
      return null;
    }
    String bits = rest.substring(4, 7);
    w.addAll(List.of("AES", "AES" + bits));
    String mode = rest.substring(8);
    if (mode.startsWith("GCM_")) {
      w.addAll(List.of("AESGCM", "AEAD"));
      return "AES" + bits + "-GCM-" + mode.substring(4);
    }
    if (mode.startsWith("CCM")) {
      boolean eight = mode.startsWith("CCM_8");
      w.addAll(List.of(eight ? "AESCCM8" : "AESCCM", "AEAD"));
      return "AES" + bits + (eight ? "-CCM8" : "-CCM");
    }
    if (mode.startsWith("CBC_")) {
      String mac = mode.substring(4);
      w.add(mac.equals("SHA") ? "SHA1" : mac);
      if (mac.equals("SHA")) {
        w.add("SHA");
      }
      return "AES" + bits + "-" + mac;
    }
    return null;
  }
}
