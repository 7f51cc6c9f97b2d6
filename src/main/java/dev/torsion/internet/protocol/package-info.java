/**
 * The classes a user extends to write a network program: protocols and their factories.
 *
 * @twisted twisted.internet.protocol
 */
@NullMarked
package dev.torsion.internet.protocol;

import org.jspecify.annotations.NullMarked;
