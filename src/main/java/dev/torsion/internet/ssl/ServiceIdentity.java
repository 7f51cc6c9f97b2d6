package dev.torsion.internet.ssl;

import com.google.common.net.InetAddresses;
import java.net.IDN;
import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * RFC 6125 checks of a server certificate against the name the client meant to reach, as
 * Python's service_identity does: DNS names against the subjectAltName dNSName entries (a
 * {@code *} only as the whole left-most label, matching one label, never in a public-suffix
 * position like {@code *.com}), IP addresses against the iPAddress entries. The common name is
 * not consulted (RFC 6125 §6.4.4 allows it only without a dNSName; service_identity and modern
 * browsers never do).
 */
final class ServiceIdentity {
  private static final int DNS = 2;
  private static final int IP = 7;

  private ServiceIdentity() {}

  static boolean isIPAddress(String host) {
    return InetAddresses.isInetAddress(stripBrackets(host));
  }

  private static String stripBrackets(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
  }

  static void verify(String hostname, X509Certificate cert) {
    Collection<List<?>> alts;
    try {
      alts = cert.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      throw new VerificationError("unreadable subjectAltName in the certificate", e);
    }
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    if (alts != null) {
      for (List<?> alt : alts) {
        int type = (Integer) alt.get(0);
        if (type == DNS) {
          dns.add((String) alt.get(1));
        } else if (type == IP) {
          ips.add((String) alt.get(1));
        }
      }
    }
    if (isIPAddress(hostname)) {
      InetAddress want = InetAddresses.forString(stripBrackets(hostname));
      for (String ip : ips) {
        if (InetAddresses.isInetAddress(ip) && InetAddresses.forString(ip).equals(want)) {
          return;
        }
      }
      throw new VerificationError("Certificate for " + hostname + " does not cover that IP "
          + "address (its iPAddress entries: " + ips + ")");
    }
    String want = normalize(hostname);
    for (String pattern : dns) {
      if (matches(normalize(pattern), want)) {
        return;
      }
    }
    throw new VerificationError("Certificate does not match the host name " + hostname
        + " (its dNSName entries: " + dns + ")");
  }

  private static String normalize(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    try {
      return IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return n.toLowerCase(Locale.ROOT);
    }
  }

  static boolean matches(String pattern, String host) {
    if (!pattern.contains("*")) {
      return pattern.equals(host);
    }
    // Only "*.rest" with at least two labels in rest; nothing like "f*.example.com".
    if (!pattern.startsWith("*.") || pattern.indexOf('*', 1) >= 0) {
      return false;
    }
    String rest = pattern.substring(2);
    if (rest.indexOf('.') < 0) {
      return false;
    }
    int dot = host.indexOf('.');
    return dot > 0 && host.substring(dot + 1).equals(rest) && !host.startsWith("xn--");
  }
}
