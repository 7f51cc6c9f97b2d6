package dev.torsion.internal.reactor;

/**
 * Something the reactor holds open and must close when it shuts down: a listening port or a
 * connection. Ports and transports add themselves with {@link LoopCore#addSelectable} when they
 * open and remove themselves when they close; trial's cleanliness check lists what is left.
 */
public interface Selectable {
  /**
   * Closes at reactor shutdown: a connection is lost with {@code ConnectionLost}, a port stops
   * listening. Called on the reactor thread in the {@code "during", "shutdown"} phase.
   */
  void disconnectAtShutdown();
}
