package dev.torsion.internet.address;

import dev.torsion.internet.interfaces.IAddress;
import java.util.Objects;

/**
 * A host name and port, not yet resolved: what a connection made by name reports as its peer.
 *
 * @param hostname the name
 * @param port the port number
 * @twisted twisted.internet.address.HostnameAddress
 */
public record HostnameAddress(String hostname, int port) implements IAddress {
  /**
   * Checks the fields.
   *
   * @param hostname the name
   * @param port the port number
   */
  public HostnameAddress {
    Objects.requireNonNull(hostname, "hostname");
  }

  @Override
  public String toString() {
    return "HostnameAddress(hostname='" + hostname + "', port=" + port + ")";
  }
}
