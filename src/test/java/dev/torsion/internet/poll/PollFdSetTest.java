package dev.torsion.internet.poll;

import dev.torsion.internal.linux.NativeFdSetContract;
import dev.torsion.internal.linux.ReadinessBackend;
import java.io.IOException;

public class PollFdSetTest extends NativeFdSetContract {
  @Override
  protected ReadinessBackend open() throws IOException {
    return new PollBackend();
  }

  @Override
  protected boolean refusesClosedNumbers() {
    return false;
  }
}
