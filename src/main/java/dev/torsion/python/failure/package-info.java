/** {@link dev.torsion.python.failure.Failure}: an error travelling down an errback chain. */
@NullMarked
package dev.torsion.python.failure;

import org.jspecify.annotations.NullMarked;
