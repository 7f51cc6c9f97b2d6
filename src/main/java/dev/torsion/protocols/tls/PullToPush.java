package dev.torsion.protocols.tls;

import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IPullProducer;
import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.internet.task.CooperativeTask;
import dev.torsion.internet.task.Cooperator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pull producer into a push producer: a cooperative task asks it for data once per
 * tick while streaming, and pausing pauses the task. An exception from the pull producer is
 * logged, the producer is unregistered from the consumer, and streaming ends.
 *
 * @twisted twisted.protocols.tls._PullToPush
 */
final class PullToPush implements IPushProducer {
  private static final Logger LOG = LoggerFactory.getLogger(PullToPush.class);

  private final IPullProducer producer;
  private final IConsumer consumer;
  private final Cooperator cooperator;
  private @Nullable CooperativeTask<?> task;
  private boolean finished;
  private boolean pulling;

  PullToPush(IPullProducer producer, IConsumer consumer, Cooperator cooperator) {
    this.producer = producer;
    this.consumer = consumer;
    this.cooperator = cooperator;
  }

  IPullProducer producer() {
    return producer;
  }

  boolean finished() {
    return finished;
  }

  @Nullable CooperativeTask<?> task() {
    return task;
  }

  /** Starts asking the pull producer for data, one call per cooperator tick. */
  void startStreaming() {
    task = cooperator.cooperate(new Pull());
  }

  /** Stops asking; safe to call twice, and from inside the producer's own call. */
  void stopStreaming() {
    if (finished) {
      return;
    }
    finished = true;
    CooperativeTask<?> t = task;
    if (t != null && !pulling) {
      t.stop();
    }
  }

  @Override
  public void pauseProducing() {
    CooperativeTask<?> t = task;
    if (t != null && !finished) {
      t.pause();
    }
  }

  @Override
  public void resumeProducing() {
    CooperativeTask<?> t = task;
    if (t != null && !finished) {
      t.resume();
    }
  }

  @Override
  public void stopProducing() {
    stopStreaming();
    producer.stopProducing();
  }

  private final class Pull implements Iterator<@Nullable Void> {
    @Override
    public boolean hasNext() {
      return !finished;
    }

    @Override
    public @Nullable Void next() {
      if (finished) {
        throw new NoSuchElementException();
      }
      pulling = true;
      try {
        producer.resumeProducing();
      } catch (RuntimeException e) {
        LOG.error("Exception in pull producer {} resumeProducing; unregistering it", producer, e);
        try {
          consumer.unregisterProducer();
        } catch (RuntimeException e2) {
          LOG.error("Exception while unregistering failed pull producer {}", producer, e2);
        }
        finished = true;
      } finally {
        pulling = false;
      }
      return null;
    }
  }
}
