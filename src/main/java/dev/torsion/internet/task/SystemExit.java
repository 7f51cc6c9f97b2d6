package dev.torsion.internet.task;

/**
 * Asks {@link Task#react} to end the program with a given exit code: fail the Deferred
 * {@code main} returned with it (or throw it from {@code main}), and {@code react} exits with
 * {@link #code()} instead of 1, without logging it as an error.
 *
 * <pre>{@code
 * Task.react((reactor, argv) -> argv.isEmpty()
 *     ? Defer.fail(new SystemExit(2))      // usage error: exit status 2
 *     : fetch(reactor, argv.get(0)), List.of(args), reactor);
 * }</pre>
 *
 * <p><b>Differences from Twisted.</b> Python ends a program by raising its built-in
 * {@code SystemExit}, which {@code react} recognises; Java exits through {@link System#exit},
 * which cannot travel through a Deferred, so this exception carries the code instead. Its code
 * is always an {@code int} (Python's may be {@code None} or a message).
 *
 * @twisted builtins.SystemExit
 */
public final class SystemExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;

  /**
   * Creates the request.
   *
   * @param code the exit status the program should end with
   */
  public SystemExit(int code) {
    super("exit status " + code);
    this.code = code;
  }

  /**
   * The exit status requested.
   *
   * @return the code
   * @twisted builtins.SystemExit.code
   */
  public int code() {
    return code;
  }
}
