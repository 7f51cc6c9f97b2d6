package dev.torsion.internet.defer;

import dev.torsion.python.failure.Failure;
import java.util.Objects;

/**
 * The first failure among a list of Deferreds, with its position: what a
 * {@link DeferredList} with {@code fireOnOneErrback} and {@link Defer#gatherResults} fail with.
 *
 * <p>Two FirstErrors are equal when their indexes are equal and they wrap the same Failure.
 * {@link #toString()} reads like Twisted's {@code str}: {@code FirstError[#5, <Failure ...>]};
 * {@link #getMessage()} like its {@code repr}: {@code FirstError[#3,
 * java.lang.IllegalArgumentException: some text]}.
 *
 * @twisted twisted.internet.defer.FirstError
 */
public final class FirstError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Failure subFailure;
  private final int index;

  /**
   * Creates the error.
   *
   * @param subFailure the failure that came first
   * @param index the position, in the list, of the Deferred that failed
   * @twisted twisted.internet.defer.FirstError.__init__
   */
  public FirstError(Failure subFailure, int index) {
    super("FirstError[#" + index + ", " + subFailure.value() + "]", subFailure.value());
    this.subFailure = subFailure;
    this.index = index;
  }

  /**
   * The failure that came first.
   *
   * @return the wrapped Failure
   * @twisted twisted.internet.defer.FirstError.subFailure
   */
  public Failure subFailure() {
    return subFailure;
  }

  /**
   * The position, in the list, of the Deferred that failed.
   *
   * @return the index
   * @twisted twisted.internet.defer.FirstError.index
   */
  public int index() {
    return index;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof FirstError)) {
      return false;
    }
    FirstError that = (FirstError) other;
    return index == that.index && subFailure.equals(that.subFailure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, subFailure);
  }

  /** Reads like Twisted's str: {@code FirstError[#5, <Failure java.lang.Foo: text>]}. */
  @Override
  public String toString() {
    return "FirstError[#" + index + ", " + subFailure + "]";
  }
}
