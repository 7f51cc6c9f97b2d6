package dev.torsion.internet.protocol;

/**
 * A factory for servers; it adds nothing to {@link Factory} but its name, which says the
 * factory is meant for {@code listenTCP} only.
 *
 * @twisted twisted.internet.protocol.ServerFactory
 */
public class ServerFactory extends Factory {
  /** For subclasses. */
  public ServerFactory() {}
}
