/** Torsion's internals shared across packages; not API. */
@NullMarked
package dev.torsion.internal;

import org.jspecify.annotations.NullMarked;
