package org.imdbetl.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.imdbetl.topic.HistoryJson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bench programs the scripts start from their source file (java File.java, no build) compile alone,
 * with only what the scripts put on the class path: the build compiles them beside the other bench
 * classes, which would hide a use of one of those.
 */
class SingleFileProgramsTest {

    private static final Path SOURCES = Path.of("bench/java/org/imdbetl/bench");

    @TempDir
    Path out;

    /** The class path of each, as its script gives it: none; target/quarkus-app/lib/main; and app/ too. */
    @ParameterizedTest
    @CsvSource({"DumpGenerator, jdk", "KafkaFloorBench, kafka", "HistoryYearGenerator, kafka service"})
    void compilesAloneWithTheClassPathItsScriptGives(String program, String classPath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();

        int status = javac.run(null, errors, errors, "-proc:none", "-implicit:none", "-d", out.toString(), "-classpath",
                classPath(classPath), "-sourcepath", out.toString(), SOURCES.resolve(program + ".java").toString());

        assertThat(status).as("%s.java compiled alone: %s", program, errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static String classPath(String parts) {
        return Stream.of(parts.split(" ")).filter(part -> !part.equals("jdk"))
                .map(part -> part.equals("kafka") ? locationOf(KafkaProducer.class) : locationOf(HistoryJson.class))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
