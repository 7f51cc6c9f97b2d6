/**
 * Addresses of connection ends and ports, as values.
 *
 * @twisted twisted.internet.address
 */
@NullMarked
package dev.torsion.internet.address;

import org.jspecify.annotations.NullMarked;
