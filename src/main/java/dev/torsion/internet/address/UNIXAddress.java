package dev.torsion.internet.address;

import dev.torsion.internet.interfaces.IAddress;
import org.jspecify.annotations.Nullable;

/**
 * A UNIX domain socket's address: the file name it is bound to, or none for an unbound
 * (unnamed) socket, such as the client end of a connection.
 *
 * <p><b>Differences from Twisted.</b> The name is a {@code String} path, not bytes, and equality
 * compares names only: Twisted's {@code __eq__} falls back to {@code os.path.samefile}, so two
 * spellings of one file are equal there and distinct here.
 *
 * @param name the socket file's path, or null for an unnamed socket
 * @twisted twisted.internet.address.UNIXAddress
 */
public record UNIXAddress(@Nullable String name) implements IAddress {
  @Override
  public String toString() {
    // Python's repr of the name: a quoted string, or None (an empty name shows as '').
    String n = name;
    return n == null ? "UNIXAddress(None)" : "UNIXAddress('" + n + "')";
  }
}
