/**
 * The {@code uring} reactor: io_uring through JNA, completion-based.
 */
@NullMarked
package dev.torsion.internet.uring;

import org.jspecify.annotations.NullMarked;
