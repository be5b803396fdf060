package org.imdbetl.state;

import java.util.List;
import java.util.Map;
import org.imdbetl.catalogue.Catalogue;
import org.imdbetl.domain.InvalidRecordException;

/**
 * The catalogue as the titles listener builds it: each batch goes to the {@link Catalogue} (which holds the
 * offsets with the records) and then advances the consumer positions that say when the start-up load is done.
 */
public final class CatalogueState {

    private final Catalogue catalogue;
    private final ConsumerPositions positions;

    /** Starts at the offsets the store already holds: a restart reads only what came after. */
    public CatalogueState(Catalogue catalogue, ConsumerPositions positions) {
        this.catalogue = catalogue;
        this.positions = positions;
        catalogue.offsets().forEach(positions::advance);
    }

    public void apply(List<Catalogue.Update> updates, Map<Integer, Long> nextOffsets) throws InvalidRecordException {
        catalogue.apply(updates, nextOffsets);
        nextOffsets.forEach(positions::advance);
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public ConsumerPositions positions() {
        return positions;
    }
}
