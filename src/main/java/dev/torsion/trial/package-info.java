/**
 * Trial-style test support on TestNG, for tests ported from Twisted's {@code twisted.trial}:
 * extend {@link dev.torsion.trial.SynchronousTestCase} for tests driven by a
 * {@code task.Clock}, or {@link dev.torsion.trial.TestCase} for tests that return a Deferred
 * (it drives an installed reactor while waiting and fails a test that leaves the reactor
 * unclean). Both fail a test that leaves an unhandled error, run cleanups, and need no suite XML. TestNG is
 * an optional dependency of Torsion: add it to your test classpath to use this package.
 *
 * @twisted twisted.trial.unittest
 */
@NullMarked
package dev.torsion.trial;

import org.jspecify.annotations.NullMarked;
