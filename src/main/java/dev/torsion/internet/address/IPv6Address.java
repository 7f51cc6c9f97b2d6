package dev.torsion.internet.address;

import dev.torsion.internet.interfaces.IAddress;
import java.util.Objects;

/**
 * An IPv6 address and port.
 *
 * @param type {@code "TCP"} or {@code "UDP"}
 * @param host the address in its textual form, such as {@code "::1"} (with {@code %scope} for a
 *     link-local address)
 * @param port the port number
 * @param flowInfo the flow label
 * @param scopeID the scope (interface) id
 * @twisted twisted.internet.address.IPv6Address
 */
public record IPv6Address(String type, String host, int port, int flowInfo, int scopeID)
    implements IAddress {
  /**
   * Checks the fields.
   *
   * @param type {@code "TCP"} or {@code "UDP"}
   * @param host the address
   * @param port the port number
   * @param flowInfo the flow label
   * @param scopeID the scope id
   */
  public IPv6Address {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(host, "host");
    if (!type.equals("TCP") && !type.equals("UDP")) {
      throw new IllegalArgumentException("type must be TCP or UDP, not " + type);
    }
  }

  /**
   * An address with flow info and scope id 0.
   *
   * @param type {@code "TCP"} or {@code "UDP"}
   * @param host the address
   * @param port the port number
   */
  public IPv6Address(String type, String host, int port) {
    this(type, host, port, 0, 0);
  }

  @Override
  public String toString() {
    return "IPv6Address(type='" + type + "', host='" + host + "', port=" + port
        + ", flowInfo=" + flowInfo + ", scopeID=" + scopeID + ")";
  }
}
