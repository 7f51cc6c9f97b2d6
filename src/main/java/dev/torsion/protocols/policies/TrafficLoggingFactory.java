package dev.torsion.protocols.policies;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A wrapping factory that logs each connection's traffic to a log of its own, named
 * {@code <prefix>-<n>} where {@code n} counts the connections built (from 1). The line format is
 * on {@link TrafficLoggingProtocol}.
 *
 * <pre>{@code
 * // files echo-1, echo-2, ... in the working directory
 * reactor.listenTCP(8000, new TrafficLoggingFactory(echoFactory, "echo"));
 * // or anywhere else: one StringWriter per connection
 * new TrafficLoggingFactory(echoFactory, "echo", null, name -> new StringWriter());
 * }</pre>
 *
 * <p><b>Errors.</b> A log file that cannot be opened makes {@code buildProtocol} throw
 * {@link UncheckedIOException}, which refuses the connection.
 *
 * <p><b>Threading.</b> Reactor thread only. The default opener writes files with blocking I/O
 * on the reactor thread, as Twisted does: this is a debugging aid, not for busy servers.
 *
 * <p><b>Differences from Twisted.</b> Twisted's tests override the {@code open} method; here
 * the opener is a constructor argument. Files the factory opens are closed when their
 * connection is lost (Twisted leaves them open); logs from a caller's opener are left open.
 *
 * @twisted twisted.protocols.policies.TrafficLoggingFactory
 */
public final class TrafficLoggingFactory extends WrappingFactory {
  private final String logfilePrefix;
  private final @Nullable Integer lengthLimit;
  private final @Nullable Function<String, ? extends Appendable> opener;
  private int counter;

  /**
   * Logs to files named {@code logfilePrefix-n}, with no length limit.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   * @param logfilePrefix the start of each log file's name
   */
  public TrafficLoggingFactory(IProtocolFactory wrappedFactory, String logfilePrefix) {
    this(wrappedFactory, logfilePrefix, null, null);
  }

  /**
   * Logs to what {@code open} returns for each name {@code logfilePrefix-n}.
   *
   * @param wrappedFactory the factory whose protocols to wrap
   * @param logfilePrefix the start of each log's name
   * @param lengthLimit the most bytes shown of one piece of data, or null for all
   * @param open opens the log of the given name; null to open files (UTF-8, truncated)
   * @throws IllegalArgumentException if {@code lengthLimit} is negative
   * @twisted twisted.protocols.policies.TrafficLoggingFactory.__init__
   */
  public TrafficLoggingFactory(IProtocolFactory wrappedFactory, String logfilePrefix,
      @Nullable Integer lengthLimit, @Nullable Function<String, ? extends Appendable> open) {
    super(wrappedFactory);
    if (lengthLimit != null && lengthLimit < 0) {
      throw new IllegalArgumentException("lengthLimit must be >= 0, not " + lengthLimit);
    }
    this.logfilePrefix = Objects.requireNonNull(logfilePrefix, "logfilePrefix");
    this.lengthLimit = lengthLimit;
    this.opener = open;
  }

  /**
   * How many protocols were built since construction or {@link #resetCounter()}.
   *
   * @return the number of the last connection's log
   * @twisted twisted.protocols.policies.TrafficLoggingFactory._counter
   */
  public int counter() {
    return counter;
  }

  /**
   * Starts numbering the logs at 1 again.
   *
   * @twisted twisted.protocols.policies.TrafficLoggingFactory.resetCounter
   */
  public void resetCounter() {
    counter = 0;
  }

  /**
   * Builds and wraps the wrapped factory's protocol, with a log of its own.
   *
   * @param addr the peer's address
   * @return the wrapper, or null if the wrapped factory refused the connection
   * @throws UncheckedIOException if the log file cannot be opened
   * @twisted twisted.protocols.policies.TrafficLoggingFactory.buildProtocol
   */
  @Override
  public @Nullable TrafficLoggingProtocol buildProtocol(IAddress addr) {
    counter++;
    return (TrafficLoggingProtocol) super.buildProtocol(addr);
  }

  @Override
  protected ProtocolWrapper wrapProtocol(IProtocol wrappedProtocol) {
    String name = logfilePrefix + "-" + counter;
    Function<String, ? extends Appendable> open = opener;
    if (open != null) {
      Appendable log = Objects.requireNonNull(open.apply(name), "the opener returned null");
      return new TrafficLoggingProtocol(this, wrappedProtocol, log, lengthLimit, counter, false);
    }
    try {
      Appendable log = Files.newBufferedWriter(Path.of(name), StandardCharsets.UTF_8);
      return new TrafficLoggingProtocol(this, wrappedProtocol, log, lengthLimit, counter, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the traffic log " + name, e);
    }
  }
}
