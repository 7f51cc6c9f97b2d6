package dev.torsion.it.support;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IListeningPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The parts of TCP addresses the tests read, and Twisted's {@code findFreePort}. */
public final class Addresses {
  private Addresses() {}

  /**
   * The port number of a TCP address.
   *
   * @param address an {@link IPv4Address} or {@link IPv6Address}
   * @return its port
   */
  public static int portOf(IAddress address) {
    return address instanceof IPv4Address a ? a.port() : v6(address).port();
  }

  /**
   * The port number a TCP port listens on.
   *
   * @param port the listening port
   * @return its port number
   */
  public static int portOf(IListeningPort port) {
    return portOf(port.getHost());
  }

  /**
   * The host of a TCP address.
   *
   * @param address an {@link IPv4Address} or {@link IPv6Address}
   * @return its host
   */
  public static String hostOf(IAddress address) {
    return address instanceof IPv4Address a ? a.host() : v6(address).host();
  }

  private static IPv6Address v6(IAddress address) {
    if (address instanceof IPv6Address a) {
      return a;
    }
    throw new AssertionError("not a TCP address: " + address);
  }

  /**
   * Twisted's {@code findFreePort}: a port free a moment ago on {@code host}.
   *
   * @param host the loopback address
   * @return the port number
   */
  public static int findFreePort(String host) {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError("cannot probe a free port on " + host, e);
    }
  }
}
