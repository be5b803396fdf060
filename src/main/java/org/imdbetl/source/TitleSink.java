package org.imdbetl.source;

import java.io.IOException;
import org.imdbetl.domain.TitleRecord;

/** Receives each title the reader produces, in file order. */
@FunctionalInterface
public interface TitleSink {

    /**
     * @return false to stop reading
     * @throws IOException when the title cannot be passed on (the broker stopped): the read ends
     */
    boolean accept(TitleRecord title) throws InterruptedException, IOException;
}
