package dev.torsion.internet.reactor;

import org.jspecify.annotations.Nullable;

/**
 * A provider that never runs, registered for the unit tests through
 * {@code src/test/resources/META-INF/services}: Twisted has no such test double; it shows how
 * an unsupported reactor is listed, refused and skipped.
 */
public final class FakeUnsupportedReactorProvider implements ReactorProvider {
  /** The reason it gives. */
  public static final String CAUSE = "a test double that never runs on any machine";

  /** For {@link java.util.ServiceLoader}. */
  public FakeUnsupportedReactorProvider() {}

  @Override
  public String name() {
    return "fake-unsupported";
  }

  @Override
  public String description() {
    return "test double (src/test/resources)";
  }

  @Override
  public boolean isSupported() {
    return false;
  }

  @Override
  public @Nullable String unavailabilityCause() {
    return CAUSE;
  }

  @Override
  public int preference() {
    return 1000;
  }

  @Override
  public Reactor create() {
    throw new UnsupportedOperationException(CAUSE);
  }
}
