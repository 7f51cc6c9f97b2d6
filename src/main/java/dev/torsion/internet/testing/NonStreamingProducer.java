package dev.torsion.internet.testing;

import dev.torsion.internet.defer.Deferred;
import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IPullProducer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pull producer that writes ten times and is done: each {@link #resumeProducing()} writes the
 * next count ({@code "0"} to {@code "9"}, as ASCII); the tenth also unregisters it from its
 * consumer and fires {@link #result()}. For testing a consumer's handling of pull producers.
 *
 * <p><b>Errors.</b> Being asked for more after the tenth write or after
 * {@link #stopProducing()}, or being paused at all, throws {@link IllegalStateException}: a
 * consumer that does either has a bug, and the test should see it.
 *
 * @twisted twisted.internet.testing.NonStreamingProducer
 */
public final class NonStreamingProducer implements IPullProducer {
  private @Nullable IConsumer consumer;
  private final Deferred<@Nullable Void> result = new Deferred<>();
  private int counter;
  private boolean stopped;

  /**
   * A producer for {@code consumer}; it does not register itself.
   *
   * @param consumer where it writes
   */
  public NonStreamingProducer(IConsumer consumer) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
  }

  /**
   * Writes the next count; after the tenth, unregisters and fires {@link #result()}.
   *
   * @throws IllegalStateException after the tenth write or after {@link #stopProducing()}
   */
  @Override
  public void resumeProducing() {
    IConsumer c = consumer;
    if (c == null || counter >= 10) {
      throw new IllegalStateException("BUG: resume after unregister/stop.");
    }
    c.write(Integer.toString(counter).getBytes(StandardCharsets.US_ASCII));
    counter++;
    if (counter == 10) {
      c.unregisterProducer();
      done();
    }
  }

  /**
   * Always throws: a pull producer is never paused.
   *
   * @throws IllegalStateException always
   * @twisted twisted.internet.testing.NonStreamingProducer.pauseProducing
   */
  public void pauseProducing() {
    throw new IllegalStateException("BUG: pause should never be called.");
  }

  /** Stops for good and fires {@link #result()}. */
  @Override
  public void stopProducing() {
    stopped = true;
    if (consumer != null) {
      done();
    }
  }

  private void done() {
    consumer = null;
    result.callback(null);
  }

  /**
   * The consumer it writes to.
   *
   * @return the consumer, or null once done or stopped
   * @twisted twisted.internet.testing.NonStreamingProducer.consumer
   */
  public @Nullable IConsumer consumer() {
    return consumer;
  }

  /**
   * How many times it has written.
   *
   * @return 0 to 10
   * @twisted twisted.internet.testing.NonStreamingProducer.counter
   */
  public int counter() {
    return counter;
  }

  /**
   * Whether {@link #stopProducing()} was called.
   *
   * @return true once stopped
   * @twisted twisted.internet.testing.NonStreamingProducer.stopped
   */
  public boolean stopped() {
    return stopped;
  }

  /**
   * Fires with null when the producer is done: after its tenth write or when stopped.
   *
   * @return the Deferred
   * @twisted twisted.internet.testing.NonStreamingProducer.result
   */
  public Deferred<@Nullable Void> result() {
    return result;
  }
}
