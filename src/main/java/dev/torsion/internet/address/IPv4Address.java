package dev.torsion.internet.address;

import dev.torsion.internet.interfaces.IAddress;
import java.util.Objects;

/**
 * An IPv4 address and port.
 *
 * @param type {@code "TCP"} or {@code "UDP"}
 * @param host the dotted-quad address, such as {@code "127.0.0.1"}
 * @param port the port number
 * @twisted twisted.internet.address.IPv4Address
 */
public record IPv4Address(String type, String host, int port) implements IAddress {
  /**
   * Checks the fields.
   *
   * @param type {@code "TCP"} or {@code "UDP"}
   * @param host the dotted-quad address
   * @param port the port number
   */
  public IPv4Address {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(host, "host");
    if (!type.equals("TCP") && !type.equals("UDP")) {
      throw new IllegalArgumentException("type must be TCP or UDP, not " + type);
    }
  }

  @Override
  public String toString() {
    return "IPv4Address(type='" + type + "', host='" + host + "', port=" + port + ")";
  }
}
