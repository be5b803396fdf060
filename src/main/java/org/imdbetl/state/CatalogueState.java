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

    public CatalogueState(Catalogue catalogue, ConsumerPositions positions) {
        this.catalogue = catalogue;
        this.positions = positions;
    }

    /**
     * Once the titles topic is known: a store built from another topic is emptied, then the positions start at
     * the offsets the store holds (a restart reads only what came after) and the load is done at {@code ends}.
     *
     * @return true when the store was emptied
     */
    public boolean startOn(String topicId, Map<Integer, Long> ends) {
        boolean emptied = catalogue.adoptTopic(topicId);
        catalogue.offsets().forEach(positions::advance);
        positions.expectLoadedAt(ends);
        return emptied;
    }

    public void apply(List<Catalogue.Update> updates, Map<Integer, Long> nextOffsets) throws InvalidRecordException {
        boolean loadedBefore = positions.loaded();
        catalogue.apply(updates, nextOffsets);
        nextOffsets.forEach(positions::advance);
        if (!loadedBefore && positions.loaded()) {
            // The start-up load is done: kept on disk, a crash from now on does not read the whole topic again.
            catalogue.flush();
        }
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public ConsumerPositions positions() {
        return positions;
    }
}
