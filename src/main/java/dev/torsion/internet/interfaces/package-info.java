/**
 * The contracts of Torsion: every {@code I*} interface, documented here and only here.
 *
 * @twisted twisted.internet.interfaces
 */
@NullMarked
package dev.torsion.internet.interfaces;

import org.jspecify.annotations.NullMarked;
