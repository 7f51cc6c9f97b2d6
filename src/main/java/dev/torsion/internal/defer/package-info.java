/** Internals of {@code internet.defer}: debug records, unhandled-error tracking, future adapters. */
@NullMarked
package dev.torsion.internal.defer;

import org.jspecify.annotations.NullMarked;
