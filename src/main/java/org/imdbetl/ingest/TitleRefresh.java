package org.imdbetl.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.imdbetl.catalogue.DumpStoreJoin;
import org.imdbetl.catalogue.TitleKey;
import org.imdbetl.catalogue.TitleRecordCodec;
import org.imdbetl.domain.TitleRecord;
import org.imdbetl.domain.Tconst;
import org.imdbetl.source.TitleSink;

/**
 * One catalogue refresh: every title the reader hands on is encoded and compared with the store in one
 * merge-walk ({@link DumpStoreJoin}); only added and changed titles are sent. Once the whole dump was read,
 * {@link #finish} names the titles it lacked, which {@link #remove} deletes within the safety valve. One thread.
 */
public final class TitleRefresh implements TitleSink, AutoCloseable {

    private final TitleSender sender;
    private final DumpStoreJoin join;
    /** Changes the join found for the row it was just given: sent once it returns. */
    private final List<String> pendingKeys = new ArrayList<>();
    private final List<byte[]> pendingValues = new ArrayList<>();
    private final List<String> absent = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private long read;
    private long added;
    private long changed;
    private long removed;

    public TitleRefresh(DumpStoreJoin.TitleStore store, TitleSender sender) {
        this.sender = sender;
        this.join = new DumpStoreJoin(store, new DumpStoreJoin.Changes() {
            @Override
            public void added(long key, byte[] value) {
                added++;
                pendingKeys.add(TitleKey.tconst(key));
                pendingValues.add(value);
            }

            @Override
            public void changed(long key, byte[] before, byte[] value) {
                changed++;
                pendingKeys.add(TitleKey.tconst(key));
                pendingValues.add(value);
            }

            @Override
            public void absent(long key, byte[] before) {
                absent.add(TitleKey.tconst(key));
            }
        });
    }

    @Override
    public boolean accept(TitleRecord title) throws InterruptedException, IOException {
        read++;
        join.row(TitleKey.of(title.tconst()), TitleRecordCodec.encode(title));
        for (int i = 0; i < pendingKeys.size(); i++) {
            sender.send(pendingKeys.get(i), pendingValues.get(i), acknowledged::incrementAndGet, this::failed);
        }
        pendingKeys.clear();
        pendingValues.clear();
        Throwable refused = failure.get();
        if (refused != null) {
            throw new IOException("Kafka refused a title record: " + refused.getMessage(), refused);
        }
        return true;
    }

    /** A title.basics row that could not be read but names its title: the store keeps that title as it is. */
    public void keep(String tconst) {
        if (Tconst.isValid(tconst)) {
            join.keep(TitleKey.of(tconst));
        }
    }

    /** Call only after the whole dump was read: the titles the store has and the dump lacked, in tconst order. */
    public List<String> finish() {
        join.finish();
        absent.sort(null);
        return List.copyOf(absent);
    }

    /** Sends the plan's tombstones. */
    public void remove(DeletionPlan plan) throws InterruptedException, IOException {
        for (String tconst : plan.send()) {
            sender.delete(tconst, acknowledged::incrementAndGet, this::failed);
            removed++;
        }
    }

    /** Waits for every record sent; fails when one was refused. */
    public void awaitAcknowledged(Duration timeout) throws InterruptedException, IOException {
        if (!sender.awaitAllAcknowledged(timeout)) {
            throw new IOException("Kafka did not acknowledge every title record within " + timeout);
        }
        Throwable refused = failure.get();
        if (refused != null) {
            throw new IOException("Kafka refused a title record: " + refused.getMessage(), refused);
        }
    }

    private void failed(Throwable refused) {
        failure.compareAndSet(null, refused);
    }

    public long read() {
        return read;
    }

    public long added() {
        return added;
    }

    public long changed() {
        return changed;
    }

    public long unchanged() {
        return join.unchanged();
    }

    public long removed() {
        return removed;
    }

    @Override
    public void close() {
        join.close();
    }
}
