/**
 * {@link dev.torsion.internet.defer.Deferred} and its friends: results that are not there yet, and
 * the module functions of {@link dev.torsion.internet.defer.Defer}.
 *
 * @twisted twisted.internet.defer
 */
@NullMarked
package dev.torsion.internet.defer;

import org.jspecify.annotations.NullMarked;
