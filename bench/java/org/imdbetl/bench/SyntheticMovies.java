package org.imdbetl.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.imdbetl.domain.Movie;

/**
 * Full-size synthetic movies for the title-search and pinned-ranking benchmarks. Title words follow a
 * Zipf law over a vocabulary whose head is real title words (connectors first) and whose long tail is
 * made-up words, so the index sees a few very common words and a couple of hundred thousand rare ones,
 * as with the real dumps. A quarter of the movies have a different original title: Latin-script with
 * accents, a few Cyrillic and CJK ones.
 */
public final class SyntheticMovies {

    private static final String[] ENGLISH_HEAD = ("the of a and in to on at for with from my your his her love night day "
            + "man woman girl boy house world life death time story city game heart dream home war king queen blood fire "
            + "water road sky star stars moon sun river sea island secret secrets lost last first new old black white red "
            + "blue green golden dark little big wild great good bad dead young american christmas summer winter family "
            + "friends brother sister mother father daughter son children ghost devil angel shadow shadows light mystery "
            + "murder crime justice journey return revenge escape kiss wedding school show live special tonight hour street "
            + "town village country mountain forest garden train ship money power truth lies hope glory music song dance "
            + "party club hotel hospital police detective doctor teacher soldier hunter killer monster dragon wolf tiger horse "
            + "dog cat bird chronicles legend adventures tales diary files project zone edge point line circle code mission "
            + "operation paradise heaven hell storm rain snow ice stone gold silver diamond rose flowers part chapter "
            + "returns begins forever again tomorrow yesterday today now never always everything nothing inside outside "
            + "beyond under after before between 2 3 ii iii run fight stay wait go come remember forget believe kill save "
            + "help stop don't it's mr. mrs. dr. saint lady lord captain general professor agent baby honey sweet godfather "
            + "crouching hidden empire galaxy strange curious amazing incredible last lonely silent deadly perfect "
            + "beautiful broken burning falling rising frozen endless eternal forgotten invisible").split(" ");
    private static final String[] FOREIGN_HEAD = ("la le de der die el del di les des und et y e il lo das ein une un "
            + "amor noche día mujer hombre vida muerte tiempo historia ciudad corazón sueño casa guerra rey reina sangre "
            + "fuego agua camino cielo estrella luna sol río mar isla secreto último primero nuevo viejo negro blanco "
            + "amour nuit jour femme homme vie mort temps histoire ville cœur rêve maison guerre roi reine sang feu eau "
            + "chemin ciel étoile lune soleil fleuve mer île été hiver liebe nacht tag frau mann leben tod zeit geschichte "
            + "stadt herz traum haus krieg könig königin blut feuer wasser straße himmel stern mond sonne fluss meer insel "
            + "für über schön märchen fräulein amélie destin fabuleux mañana niño señorita corazón ángel québec garçon "
            + "noël café søren ørsted zürich göteborg málaga são łódź żywot čas şarkı").split(" ");
    private static final String[] SYLLABLES = ("ka ri mo len dor vi tha nel sar bri lo ven mi ra zu gan tor el an is ber "
            + "go shi ta ma ko ne val mar sen ho ya ru fin gal pe dra qui lu wen sto ple cra mun tes bal ron dal fer gri "
            + "sha ton pa lin kor ves ul om ar ek ti na").split(" ");
    private static final String ACCENTS_FROM = "aeiouncsz";
    private static final String[] ACCENTS_TO = {"áàâäå", "éèêë", "íìîï", "óòôöø", "úùûü", "ñ", "ç", "šś", "žż"};
    private static final String CYRILLIC_FROM = "abvgdezijklmnoprstufhc";
    private static final String CYRILLIC_TO = "абвгдезийклмнопрстуфхц";
    private static final String[] GENRES = {"Drama", "Comedy", "Documentary", "Romance", "Action", "Thriller", "Crime",
        "Horror", "Adventure", "Family", "Mystery", "Biography", "Fantasy", "History", "Music", "Sci-Fi", "Musical",
        "War", "Animation", "Western", "Sport", "Adult", "Film-Noir", "News", "Reality-TV", "Talk-Show", "Game-Show",
        "Short"};
    private static final int[] WORD_COUNT_PERCENT = {20, 30, 25, 13, 7, 5};
    private static final int VOCABULARY = 400_000;
    private static final double ZIPF_EXPONENT = 1.0;

    private final SplittableRandom random;
    private final String[] english;
    private final String[] foreign;
    private final double[] zipf;
    private final char[] cjk;
    private final double[] cjkZipf;

    public SyntheticMovies(long seed) {
        random = new SplittableRandom(seed);
        english = vocabulary(ENGLISH_HEAD, false);
        foreign = vocabulary(FOREIGN_HEAD, true);
        zipf = cumulativeZipf(VOCABULARY);
        cjk = new char[3500];
        for (int i = 0; i < cjk.length; i++) {
            cjk[i] = i < 80 ? (char) (0x3041 + i) : (char) (0x4E00 + random.nextInt(0x9FFF - 0x4E00));
        }
        cjkZipf = cumulativeZipf(cjk.length);
    }

    public List<Movie> movies(int count) {
        List<Movie> movies = new ArrayList<>(count);
        long number = 1;
        for (int i = 0; i < count; i++) {
            number += 1 + random.nextInt(15);
            String tconst = number < 10_000_000 ? "tt%07d".formatted(number) : "tt%08d".formatted(number);
            movies.add(movie(tconst));
        }
        return movies;
    }

    public Movie movie(String tconst) {
        String title = title(english);
        int kind = random.nextInt(100);
        String original = kind < 72 ? title : kind < 95 ? title(foreign) : kind < 98 ? cjkTitle() : cyrillic(title(foreign));
        Integer year = random.nextInt(100) < 3 ? null : 2025 - (int) Math.min(125, Math.abs(random.nextGaussian() * 40));
        List<String> genres = new ArrayList<>(3);
        for (int g = random.nextInt(3); g >= 0; g--) {
            String genre = GENRES[(int) Math.min(GENRES.length - 1, Math.abs(random.nextGaussian() * 6))];
            if (!genres.contains(genre)) {
                genres.add(genre);
            }
        }
        boolean rated = random.nextInt(100) < 45;
        Long votes = rated ? (long) Math.min(3_000_000, 5 / Math.pow(1 - random.nextDouble(), 1 / 0.55)) : null;
        return new Movie(tconst, title, original, year, 90, genres, rated ? 1 + random.nextInt(90) / 10.0 : null, votes);
    }

    /** The same movie re-sent: new votes, and with the given chance a new title. */
    public Movie changed(Movie movie, int newTitlePercent) {
        long votes = (movie.numVotes() == null ? 0 : movie.numVotes()) + 1 + random.nextInt(1000);
        String title = random.nextInt(100) < newTitlePercent ? title(english) : movie.title();
        String original = movie.originalTitle() == movie.title() ? title : movie.originalTitle();
        return new Movie(movie.tconst(), title, original, movie.year(), movie.runtimeMinutes(), movie.genres(),
                movie.averageRating() == null ? 7.0 : movie.averageRating(), votes);
    }

    public SplittableRandom random() {
        return random;
    }

    private String title(String[] words) {
        int count = pick(WORD_COUNT_PERCENT) + 1;
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                int p = random.nextInt(100);
                title.append(p < 6 && i == 1 ? ": " : p < 8 ? "-" : " ");
            }
            String word = words[zipfRank(zipf)];
            title.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        }
        return title.toString();
    }

    private String cjkTitle() {
        int length = 2 + random.nextInt(7);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < length; i++) {
            title.append(cjk[zipfRank(cjkZipf)]);
        }
        return title.toString();
    }

    private static String cyrillic(String latin) {
        StringBuilder out = new StringBuilder(latin.length());
        for (char c : latin.toLowerCase().toCharArray()) {
            int at = CYRILLIC_FROM.indexOf(c);
            out.append(at >= 0 ? CYRILLIC_TO.charAt(at) : c);
        }
        return out.toString();
    }

    private String[] vocabulary(String[] head, boolean accented) {
        Set<String> seen = new HashSet<>(Arrays.asList(head));
        String[] words = Arrays.copyOf(head, VOCABULARY);
        int next = head.length;
        while (next < VOCABULARY) {
            StringBuilder word = new StringBuilder();
            for (int s = 1 + random.nextInt(4); s > 0; s--) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (accented && random.nextInt(100) < 40) {
                int at = random.nextInt(word.length());
                int kind = ACCENTS_FROM.indexOf(word.charAt(at));
                if (kind >= 0) {
                    String options = ACCENTS_TO[kind];
                    word.setCharAt(at, options.charAt(random.nextInt(options.length())));
                }
            }
            if (seen.add(word.toString())) {
                words[next++] = word.toString();
            }
        }
        return words;
    }

    private static double[] cumulativeZipf(int size) {
        double[] cumulative = new double[size];
        double sum = 0;
        for (int rank = 0; rank < size; rank++) {
            sum += 1 / Math.pow(rank + 2, ZIPF_EXPONENT);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < size; rank++) {
            cumulative[rank] /= sum;
        }
        return cumulative;
    }

    private int zipfRank(double[] cumulative) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, at < 0 ? -at - 1 : at);
    }

    private int pick(int[] percents) {
        int p = random.nextInt(100);
        for (int i = 0; i < percents.length; i++) {
            p -= percents[i];
            if (p < 0) {
                return i;
            }
        }
        return percents.length - 1;
    }
}
