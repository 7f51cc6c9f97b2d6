package dev.torsion.internal.transport;

import com.google.common.net.InetAddresses;
import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.jspecify.annotations.Nullable;

/** Conversions between the JDK's socket addresses and Twisted's address values; no DNS here. */
public final class Addresses {
  private Addresses() {}

  /**
   * A literal IPv4 or IPv6 address, parsed without any lookup.
   *
   * @param host the text, such as {@code "127.0.0.1"} or {@code "::1"} (with an optional
   *     {@code %scope})
   * @return the address, or null if {@code host} is not a literal
   */
  public static @Nullable InetAddress literal(String host) {
    String h = host;
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (!InetAddresses.isInetAddress(h)) {
      return null;
    }
    return InetAddresses.forString(h);
  }

  /**
   * The address to bind for {@code listenTCP}'s interface argument.
   *
   * @param iface {@code ""} for every IPv4 address, else a literal address
   * @param port the port
   * @return the socket address
   * @throws IllegalArgumentException if {@code iface} is not a literal address
   */
  public static InetSocketAddress bindAddress(String iface, int port) {
    if (iface.isEmpty()) {
      return new InetSocketAddress(InetAddresses.forString("0.0.0.0"), port);
    }
    InetAddress a = literal(iface);
    if (a == null) {
      throw new IllegalArgumentException("not a literal IPv4 or IPv6 address: " + iface);
    }
    return new InetSocketAddress(a, port);
  }

  /**
   * Twisted's address value for a TCP socket address. An IPv4 peer of an IPv6 socket is shown
   * as an IPv4-mapped IPv6 address, as the kernel reports it to Twisted.
   *
   * @param a the JDK address
   * @param ipv6Socket whether the socket is an IPv6 one
   * @return an {@link IPv4Address} or {@link IPv6Address} of type {@code "TCP"}
   */
  public static IAddress of(InetSocketAddress a, boolean ipv6Socket) {
    InetAddress ip = a.getAddress();
    if (ip instanceof Inet6Address v6) {
      return new IPv6Address("TCP", hostText(v6), a.getPort(), 0, v6.getScopeId());
    }
    String v4 = ip == null ? a.getHostString() : ip.getHostAddress();
    if (ipv6Socket) {
      return new IPv6Address("TCP", "::ffff:" + v4, a.getPort());
    }
    return new IPv4Address("TCP", v4, a.getPort());
  }

  /**
   * The compressed text of an IPv6 address ({@code "::1"}, not {@code "0:0:0:0:0:0:0:1"}), with
   * {@code %scope} for a scoped one, as Python's socket module writes it.
   *
   * @param v6 the address
   * @return the text
   */
  public static String hostText(Inet6Address v6) {
    // Guava's text leaves the scope out; Python names the interface after a '%'.
    String text = InetAddresses.toAddrString(v6);
    if (v6.getScopedInterface() != null) {
      return text + "%" + v6.getScopedInterface().getName();
    }
    return v6.getScopeId() != 0 ? text + "%" + v6.getScopeId() : text;
  }

  /**
   * Whether an address is IPv6 ({@link Inet6Address}) rather than IPv4.
   *
   * @param a the address
   * @return true for IPv6
   */
  public static boolean isIPv6(InetSocketAddress a) {
    return !(a.getAddress() instanceof Inet4Address);
  }

  /**
   * The host of an IP address value.
   *
   * @param a an address
   * @return its host text, or null if it is not an {@link IPv4Address} or {@link IPv6Address}
   */
  public static @Nullable String host(IAddress a) {
    return a instanceof IPv4Address v4 ? v4.host() : a instanceof IPv6Address v6 ? v6.host() : null;
  }
}
