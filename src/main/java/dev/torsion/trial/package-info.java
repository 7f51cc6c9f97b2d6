/**
 * Trial-style test support on TestNG, for tests ported from Twisted's {@code twisted.trial}.
 *
 * @twisted twisted.trial.unittest
 */
@NullMarked
package dev.torsion.trial;

import org.jspecify.annotations.NullMarked;
