package org.imdbetl.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.apache.lucene.util.automaton.Operations;
import org.imdbetl.domain.Movie;
import org.imdbetl.search.TitleAnalyzer;
import org.imdbetl.search.TitleIndex;

/**
 * The Lucene alternative to {@link TitleIndex}, built only to measure it against: the same terms (from
 * {@link TitleAnalyzer}), an in-memory directory, a near-real-time searcher, one sorted search per match
 * class (whole title, all words, prefixes, one typo as a Levenshtein automaton followed by anything)
 * until the page is full. First pages only: enough for the latency comparison.
 */
final class LuceneTitleSearch implements AutoCloseable {

    private static final Sort ORDER = new Sort(new SortField("votes", SortField.Type.LONG, true),
            new SortField("key", SortField.Type.LONG));

    /** A hit as both implementations can say it: the tconst, its match class and the votes it was ordered by. */
    record Found(String tconst, int matchClass, long numVotes) {

        static Found of(TitleIndex.Hit hit) {
            return new Found(hit.tconst(), hit.matchClass(), hit.numVotes());
        }
    }

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    LuceneTitleSearch() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setCommitOnClose(false));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void upsert(Movie movie) {
        Document doc = new Document();
        doc.add(new StringField("id", movie.tconst(), Field.Store.NO));
        List<String> terms = new ArrayList<>();
        TitleAnalyzer.indexTerms(movie.title(), terms);
        if (movie.originalTitle() != movie.title()) {
            TitleAnalyzer.indexTerms(movie.originalTitle(), terms);
        }
        for (String term : terms) {
            doc.add(new StringField("w", term, Field.Store.NO));
        }
        doc.add(new StringField("t0", String.join(" ", TitleAnalyzer.words(movie.title())), Field.Store.NO));
        if (movie.originalTitle() != movie.title()) {
            doc.add(new StringField("t0", String.join(" ", TitleAnalyzer.words(movie.originalTitle())), Field.Store.NO));
        }
        doc.add(new NumericDocValuesField("votes", movie.numVotes() == null ? 0 : movie.numVotes()));
        doc.add(new NumericDocValuesField("key", orderKey(movie.tconst())));
        if (movie.year() != null) {
            doc.add(new IntPoint("year", movie.year()));
        }
        for (String genre : movie.genres()) {
            doc.add(new StringField("g", genre, Field.Store.NO));
        }
        try {
            writer.updateDocument(new Term("id", movie.tconst()), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was written so far searchable. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Found> search(String text, int limit) {
        List<String> words = TitleAnalyzer.words(text);
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(words));
        List<Found> hits = new ArrayList<>(limit);
        if (distinct.isEmpty()) {
            return hits;
        }
        Query[] classes = new Query[4];
        classes[TitleIndex.EXACT_TITLE] = new TermQuery(new Term("t0", String.join(" ", words)));
        BooleanQuery.Builder exact = new BooleanQuery.Builder();
        BooleanQuery.Builder prefix = new BooleanQuery.Builder();
        BooleanQuery.Builder fuzzy = new BooleanQuery.Builder();
        for (String word : distinct) {
            exact.add(new TermQuery(new Term("w", word)), BooleanClause.Occur.FILTER);
            prefix.add(new PrefixQuery(new Term("w", word)), BooleanClause.Occur.FILTER);
            fuzzy.add(TitleAnalyzer.typoAllowed(word) ? fuzzyPrefix(word) : new PrefixQuery(new Term("w", word)),
                    BooleanClause.Occur.FILTER);
        }
        Query allExact = exact.build();
        Query allPrefix = prefix.build();
        classes[TitleIndex.ALL_WORDS] = butNot(allExact, classes[TitleIndex.EXACT_TITLE]);
        classes[TitleIndex.PREFIX] = butNot(allPrefix, allExact);
        classes[TitleIndex.TYPO] = butNot(fuzzy.build(), allPrefix);
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                for (int matchClass = 0; matchClass < classes.length && hits.size() < limit; matchClass++) {
                    TopFieldDocs top = searcher.search(classes[matchClass], limit - hits.size(), ORDER);
                    for (ScoreDoc doc : top.scoreDocs) {
                        Object[] fields = ((FieldDoc) doc).fields;
                        hits.add(new Found(tconstOf((Long) fields[1]), matchClass, (Long) fields[0]));
                    }
                }
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    /** Bytes of the index files the directory keeps on the heap. */
    long directoryBytes() {
        try {
            long bytes = 0;
            for (String file : directory.listAll()) {
                bytes += directory.fileLength(file);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long writerBytes() {
        return writer.ramBytesUsed();
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.rollback();
        directory.close();
    }

    private static Query fuzzyPrefix(String word) {
        Automaton automaton = Operations.concatenate(new LevenshteinAutomata(word, true).toAutomaton(1),
                Automata.makeAnyString());
        automaton = Operations.determinize(automaton, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
        return new AutomatonQuery(new Term("w", word), automaton);
    }

    private static Query butNot(Query query, Query excluded) {
        return new BooleanQuery.Builder().add(query, BooleanClause.Occur.FILTER)
                .add(excluded, BooleanClause.Occur.MUST_NOT).build();
    }

    /**
     * A long that sorts as the tconst string does: its digits, each as 1..10 in base 11, padded with
     * zeros to 10 places, so a shorter tconst sorts before every longer one it starts.
     */
    static long orderKey(String tconst) {
        long key = 0;
        for (int i = 2; i < 12; i++) {
            key = key * 11 + (i < tconst.length() ? tconst.charAt(i) - '0' + 1 : 0);
        }
        return key;
    }

    /** Inverse of {@link #orderKey}. */
    static String tconstOf(long key) {
        char[] digits = new char[10];
        int length = 0;
        for (int i = 9; i >= 0; i--) {
            int d = (int) (key % 11);
            key /= 11;
            digits[i] = (char) ('0' + d - 1);
            if (d != 0 && length == 0) {
                length = i + 1;
            }
        }
        return "tt" + new String(digits, 0, length);
    }
}
