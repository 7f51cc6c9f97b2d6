package dev.torsion.internet.ssl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

/**
 * An X.500 distinguished name (a certificate's subject or issuer), with Twisted's long attribute
 * names: {@code commonName}, {@code organizationName}, {@code organizationalUnitName},
 * {@code localityName}, {@code stateOrProvinceName}, {@code countryName},
 * {@code emailAddress}. Immutable.
 *
 * <p><b>Differences from Twisted.</b> Twisted's {@code DN} is a mutable attribute bag taking
 * short aliases ({@code CN}, {@code O}) as keyword arguments; here {@link #of} takes the long
 * names and the short ones alike, and the object is immutable.
 *
 * @twisted twisted.internet.ssl.DistinguishedName
 */
public final class DistinguishedName {
  private static final Map<String, ASN1ObjectIdentifier> NAMES = names();

  private final Map<String, String> attributes;

  private DistinguishedName(Map<String, String> attributes) {
    this.attributes = Collections.unmodifiableMap(attributes);
  }

  private static Map<String, ASN1ObjectIdentifier> names() {
    Map<String, ASN1ObjectIdentifier> m = new LinkedHashMap<>();
    m.put("commonName", BCStyle.CN);
    m.put("organizationName", BCStyle.O);
    m.put("organizationalUnitName", BCStyle.OU);
    m.put("localityName", BCStyle.L);
    m.put("stateOrProvinceName", BCStyle.ST);
    m.put("countryName", BCStyle.C);
    m.put("emailAddress", BCStyle.EmailAddress);
    return m;
  }

  private static String longName(String name) {
    switch (name) {
      case "CN": return "commonName";
      case "O": return "organizationName";
      case "OU": return "organizationalUnitName";
      case "L": return "localityName";
      case "ST": return "stateOrProvinceName";
      case "C": return "countryName";
      case "E": return "emailAddress";
      default:
        if (!NAMES.containsKey(name)) {
          throw new IllegalArgumentException("unknown distinguished name attribute: " + name);
        }
        return name;
    }
  }

  /**
   * A name from attribute/value pairs, such as
   * {@code DistinguishedName.of("commonName", "example.com", "O", "Example")}.
   *
   * @param attributesAndValues attribute names (long or short) each followed by its value
   * @return the name
   * @throws IllegalArgumentException on an odd count or an unknown attribute
   * @twisted twisted.internet.ssl.DistinguishedName.__init__
   */
  public static DistinguishedName of(String... attributesAndValues) {
    if (attributesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("attribute names and values must come in pairs");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < attributesAndValues.length; i += 2) {
      m.put(longName(attributesAndValues[i]), attributesAndValues[i + 1]);
    }
    return new DistinguishedName(m);
  }

  static DistinguishedName fromX500(X500Name name) {
    Map<String, String> m = new LinkedHashMap<>();
    for (RDN rdn : name.getRDNs()) {
      for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
        for (Map.Entry<String, ASN1ObjectIdentifier> e : NAMES.entrySet()) {
          if (e.getValue().equals(tv.getType())) {
            m.put(e.getKey(), IETFUtils.valueToString(tv.getValue()));
          }
        }
      }
    }
    return new DistinguishedName(m);
  }

  X500Name toX500() {
    X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      b.addRDN(NAMES.get(e.getKey()), e.getValue());
    }
    return b.build();
  }

  /**
   * One attribute.
   *
   * @param attribute its long or short name
   * @return its value, or null if the name lacks it
   * @throws IllegalArgumentException for an unknown attribute
   */
  public @Nullable String get(String attribute) {
    return attributes.get(longName(attribute));
  }

  /**
   * The {@code commonName} attribute.
   *
   * @return its value, or null
   * @twisted twisted.internet.ssl.DistinguishedName.commonName
   */
  public @Nullable String commonName() {
    return attributes.get("commonName");
  }

  /**
   * Every attribute present, by long name, in certificate order.
   *
   * @return an unmodifiable map
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * A multi-line description, one attribute a line, as {@code "   Common Name: example.com"}.
   *
   * @return the text
   * @twisted twisted.internet.ssl.DistinguishedName.inspect
   */
  public String inspect() {
    StringBuilder sb = new StringBuilder();
    int width = 0;
    for (String k : attributes.keySet()) {
      width = Math.max(width, label(k).length());
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      String label = label(e.getKey());
      sb.append(" ".repeat(width - label.length())).append(label).append(": ")
          .append(e.getValue());
    }
    return sb.toString();
  }

  private static String label(String longName) {
    StringBuilder sb = new StringBuilder();
    for (char c : longName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        sb.append(' ');
      }
      sb.append(sb.length() == 0 ? Character.toUpperCase(c) : c);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DistinguishedName d && d.attributes.equals(attributes);
  }

  @Override
  public int hashCode() {
    return attributes.hashCode();
  }

  @Override
  public String toString() {
    return "<DN " + attributes + ">";
  }
}
