/**
 * The errors of {@code twisted.internet.error}, under Twisted's names.
 *
 * @twisted twisted.internet.error
 */
@NullMarked
package dev.torsion.internet.error;

import org.jspecify.annotations.NullMarked;
