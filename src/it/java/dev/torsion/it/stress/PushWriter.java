package dev.torsion.it.stress;

import dev.torsion.internet.interfaces.IPushProducer;
import dev.torsion.it.builder.ConnectableProtocol;
import dev.torsion.it.builder.TransportProbe;

/**
 * A protocol that produces into its own transport as a push producer: it registers itself once
 * connected, writes while not paused, and counts how often the transport paused and resumed it
 * and the most the transport held queued after a write.
 */
abstract class PushWriter extends ConnectableProtocol implements IPushProducer {
  boolean paused;
  int pauses;
  int resumes;
  long maxBuffered;

  @Override
  public void connectionMade() {
    transport().registerProducer(this, true);
    produce();
  }

  /** Writes with {@link #write} while not paused; called once connected and on each resume. */
  abstract void produce();

  /** Writes {@code bytes} and notes how much the transport now holds queued. */
  final void write(byte[] bytes) {
    transport().write(bytes);
    maxBuffered = Math.max(maxBuffered, TransportProbe.bufferedBytes(transport()));
  }

  @Override
  public void pauseProducing() {
    paused = true;
    pauses++;
  }

  @Override
  public void resumeProducing() {
    paused = false;
    resumes++;
    produce();
  }

  @Override
  public void stopProducing() {
    paused = true;
  }
}
