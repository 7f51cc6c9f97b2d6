package dev.torsion.internet.reactor;

/**
 * No reactor provider has the name asked for. The message names every provider there is, and
 * where the name came from when it was not passed explicitly.
 *
 * @twisted twisted.application.reactors.NoSuchReactor
 */
public final class NoSuchReactor extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message the name asked for and the names available
   */
  public NoSuchReactor(String message) {
    super(message);
  }
}
