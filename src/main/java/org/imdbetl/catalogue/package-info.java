/**
 * The whole title catalogue (every title type, series and their episodes), as designed in
 * docs/catalogue.md: the title record and its binary encoding, the store's key layout, and the
 * refresh's one-pass comparison of a dump with the store. Plain Java.
 */
package org.imdbetl.catalogue;
