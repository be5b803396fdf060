package org.imdbetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * What of the Docker set-up is never run here, checked by reading the files: the compose files (the
 * {@code apache/kafka} image cannot be pulled), .env, the JVM Dockerfile's default base images (CI builds
 * on local ones), and the native Dockerfile and Maven profile (no native-image). The JVM image itself is
 * built and run by {@link ContainerImageIT}. Runs from the project root (Surefire's working directory).
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final Path NATIVE_OVERRIDE = ROOT.resolve("docker-compose.native.yml");
    private static final Path JVM_DOCKERFILE = ROOT.resolve("src/main/docker/Dockerfile.jvm");
    private static final Path NATIVE_DOCKERFILE = ROOT.resolve("src/main/docker/Dockerfile.native");
    private static final String KAFKA = "kafka";
    private static final String APP = "imdb-etl";

    private static Map<String, Object> compose;
    private static Map<String, Object> nativeOverride;

    @BeforeAll
    static void load() throws IOException {
        compose = yaml(COMPOSE);
        nativeOverride = yaml(NATIVE_OVERRIDE);
    }

    // ---- docker-compose.yml: services ----

    @Test
    void kafkaHasAHealthcheck() {
        Map<String, Object> healthcheck = map(service(compose, KAFKA).get("healthcheck"));
        assertThat(healthcheck).containsKey("test");
        assertThat(healthcheck.get("test")).isNotNull().asString().isNotBlank();
        assertThat(healthcheck.get("disable")).isNotEqualTo(true);
    }

    @Test
    void kafkaIsApacheKafkaInKraftMode() {
        Map<String, Object> kafka = service(compose, KAFKA);
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        Map<String, String> env = environment(kafka);
        assertThat(list(env.get("KAFKA_PROCESS_ROLES"))).contains("broker", "controller");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(env.get("KAFKA_NODE_ID") + "@" + KAFKA + ":");
        assertThat(env).containsKeys("KAFKA_CONTROLLER_LISTENER_NAMES", "KAFKA_LISTENERS", "KAFKA_ADVERTISED_LISTENERS");
        assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).as("one node: one replica").isEqualTo("1");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).as("the service creates its topics").isEqualTo("false");
    }

    @Test
    void noZookeeperAnywhere() {
        for (Map<String, Object> file : List.of(compose, nativeOverride)) {
            assertThat(strings(file)).noneMatch(s -> s.toLowerCase().contains("zookeeper"));
        }
        assertThat(services(compose).keySet()).containsExactlyInAnyOrder(KAFKA, APP);
    }

    @Test
    void kafkaHealthcheckUsesAToolOfTheImage() {
        String test = String.valueOf(map(service(compose, KAFKA).get("healthcheck")).get("test"));
        assertThat(test).contains("/opt/kafka/bin/").contains("localhost:9092");
    }

    @Test
    void appBuildsFromTheJvmDockerfile() {
        Map<String, Object> build = map(service(compose, APP).get("build"));
        assertThat(build.get("context")).isEqualTo(".");
        assertThat(build.get("dockerfile")).isEqualTo("src/main/docker/Dockerfile.jvm");
        assertThat(ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();
    }

    @Test
    void appReadsDotEnv() {
        Object envFile = service(compose, APP).get("env_file");
        List<String> files = envFile instanceof String single ? List.of(single)
                : ((List<?>) envFile).stream().map(f -> f instanceof Map<?, ?> m ? String.valueOf(m.get("path")) : String.valueOf(f)).toList();
        assertThat(files).contains(".env");
        assertThat(ROOT.resolve(".env")).isRegularFile();
    }

    @Test
    void appTalksToTheKafkaServiceOnAnAdvertisedListener() {
        String bootstrap = environment(service(compose, APP)).get("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(bootstrap).isNotBlank();
        List<String> advertised = list(environment(service(compose, KAFKA)).get("KAFKA_ADVERTISED_LISTENERS")).stream()
                .map(listener -> listener.substring(listener.indexOf("://") + 3))
                .toList();
        for (String server : list(bootstrap)) {
            assertThat(server.substring(0, server.lastIndexOf(':'))).as("host of %s", server).isEqualTo(KAFKA);
            assertThat(advertised).as("kafka's advertised listeners").contains(server);
        }
    }

    @Test
    void appPublishesPort8080() {
        List<Integer> containerPorts = ((List<?>) service(compose, APP).get("ports")).stream()
                .map(ComposeFileTest::containerPort).toList();
        assertThat(containerPorts).contains(8080);
    }

    @Test
    void appHealthcheckIsTheJvmImagesOwn() throws IOException {
        // The image's HEALTHCHECK is the one ContainerImageIT waits on. The compose file repeats it for the
        // native image, which has none, with $ written $$ (compose interpolates a single $).
        Instruction healthcheck = dockerfile(JVM_DOCKERFILE).stream().filter(i -> i.keyword().equals("HEALTHCHECK"))
                .findFirst().orElseThrow();
        List<Object> image = new ArrayList<>(List.of("CMD"));
        image.addAll(new Yaml().<List<Object>>load(healthcheck.args().substring(healthcheck.args().indexOf("CMD ") + 4)));
        List<?> composed = (List<?>) map(service(compose, APP).get("healthcheck")).get("test");
        assertThat(composed.stream().map(word -> String.valueOf(word).replace("$$", "$")).toList()).isEqualTo(image);
    }

    @Test
    void outputAndCacheLiveUnderTheImageWorkingDir() throws IOException {
        Map<String, Object> app = service(compose, APP);
        Map<String, String> mounts = mounts(app);
        String outputDir = environment(app).get("OUTPUT_DIR");
        String workdir = lastStage(dockerfile(JVM_DOCKERFILE)).stream()
                .filter(i -> i.keyword().equals("WORKDIR")).reduce((a, b) -> b).orElseThrow().args();

        assertThat(outputDir).isEqualTo(workdir + "/data/output");
        assertThat(mounts).containsEntry(outputDir, "./data/output");
        String cache = mounts.get(workdir + "/data/cache");
        assertThat(cache).as("a volume for data/cache (downloads)").isNotNull();
        if (!cache.startsWith(".") && !cache.startsWith("/")) {
            assertThat(map(compose.get("volumes"))).as("top-level volumes").containsKey(cache);
        }
    }

    @Test
    void namedVolumesAreDeclared() {
        for (String name : List.of(KAFKA, APP)) {
            mounts(service(compose, name)).values().stream()
                    .filter(source -> !source.startsWith(".") && !source.startsWith("/"))
                    .forEach(volume -> assertThat(map(compose.get("volumes"))).as("top-level volumes").containsKey(volume));
        }
    }

    @Test
    void appWaitsForAHealthyKafka() {
        Map<String, Object> dependsOn = map(service(compose, APP).get("depends_on"));
        assertThat(map(dependsOn.get(KAFKA))).containsEntry("condition", "service_healthy");
    }

    // ---- .env ----

    @ParameterizedTest
    @ValueSource(strings = { "KAFKA_TOPIC", "MSGS_PER_SEC", "GLOBAL_MEAN_RATING", "MIN_VOTES_PRIOR", "PRODUCER_LIMIT", "IMDB_SOURCE" })
    void dotEnvSets(String variable) throws IOException {
        assertThat(dotEnv()).containsKey(variable);
        assertThat(dotEnv().get(variable)).isNotBlank();
    }

    @Test
    void dotEnvRunsOnTheBundledSample() throws IOException {
        assertThat(dotEnv()).containsEntry("IMDB_SOURCE", "sample");
    }

    /** What a run from the repository writes under data/ (the defaults, dev mode's too) stays out of git and images. */
    @Test
    void everyDataDirectoryTheServiceWritesIsIgnoredByGitAndDocker() throws IOException {
        Pattern dataDefault = Pattern.compile("(?:\\$\\{[A-Z_]+:)?(data/[A-Za-z0-9_-]+)\\}?");
        List<String> written = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("src/main/resources/application.properties"))) {
            int equals = line.indexOf('=');
            if (line.startsWith("#") || equals < 0) {
                continue;
            }
            Matcher value = dataDefault.matcher(line.substring(equals + 1).strip());
            if (value.matches() && !value.group(1).equals("data/sample")) {
                written.add(value.group(1));
            }
        }
        assertThat(written).contains("data/kafka", "data/kafka-dev", "data/cache", "data/output", "data/history", "data/history-dev");
        List<String> git = Files.readAllLines(ROOT.resolve(".gitignore"));
        List<String> docker = Files.readAllLines(ROOT.resolve(".dockerignore"));
        for (String dir : written) {
            assertThat(git).as(".gitignore lists %s/", dir).contains(dir + "/");
            assertThat(docker).as(".dockerignore lists %s/", dir).contains(dir + "/");
        }
    }

    // ---- Dockerfiles ----

    @Test
    void nativeDockerfileCopiesOnlyWhatExistsAndIsNotIgnored() throws IOException {
        Path dockerfile = NATIVE_DOCKERFILE;
        assertThat(dockerfile).isRegularFile();
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && !line.startsWith("!"))
                .map(line -> line.endsWith("/") ? line.substring(0, line.length() - 1) : line)
                .toList();
        List<String> sources = new ArrayList<>();
        for (Instruction copy : dockerfile(dockerfile)) {
            if (copy.keyword().equals("COPY") && !copy.args().contains("--from=")) {
                List<String> words = Arrays.stream(copy.args().split("\\s+")).filter(w -> !w.startsWith("--")).toList();
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        assertThat(sources).contains("mvnw", "pom.xml", ".mvn", "src", "data/sample");
        for (String source : sources) {
            assertThat(ROOT.resolve(source)).as("%s copies %s", dockerfile.getFileName(), source).exists();
            assertThat(ignored).as(".dockerignore must not drop %s", source)
                    .noneMatch(pattern -> source.equals(pattern) || source.startsWith(pattern + "/"));
        }
        assertThat(ROOT.resolve("mvnw")).isExecutable();
        assertThat(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties")).isRegularFile();
        assertThat(ROOT.resolve("data/sample/title.basics.tsv.gz")).isRegularFile();
        assertThat(ROOT.resolve("data/sample/title.ratings.tsv.gz")).isRegularFile();
    }

    @Test
    void nativeDockerfileExposes8080AndRunsFromDeployments() throws IOException {
        List<Instruction> runtime = lastStage(dockerfile(NATIVE_DOCKERFILE));
        assertThat(runtime).contains(new Instruction("EXPOSE", "8080"));
        assertThat(runtime).contains(new Instruction("WORKDIR", "/deployments"));
        assertThat(runtime).anyMatch(i -> i.keyword().equals("COPY") && i.args().matches("(--\\S+\\s+)*data/sample\\s+data/sample"));
    }

    @Test
    void jvmDockerfileDefaultsToTemurin() throws IOException {
        // CI builds on local Debian bases passed as build arguments; users get these defaults.
        List<Instruction> instructions = dockerfile(JVM_DOCKERFILE);
        assertThat(instructions.subList(0, 2)).containsExactly(new Instruction("ARG", "JDK_IMAGE=eclipse-temurin:17-jdk"),
                new Instruction("ARG", "JRE_IMAGE=eclipse-temurin:17-jre"));
        assertThat(froms(instructions)).containsExactly("${JDK_IMAGE} AS build", "${JRE_IMAGE}");
    }

    @Test
    void nativeDockerfileBuildsInTheMandrelImageAndRunsInTheMicroImage() throws IOException {
        assertThat(froms(dockerfile(NATIVE_DOCKERFILE))).containsExactly(
                "quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-21 AS build", "quay.io/quarkus/ubi9-quarkus-micro-image:2.0");
    }

    @Test
    void nativeDockerfileBuildsWithTheNativeProfileAndCopiesItsRunner() throws IOException {
        List<Instruction> instructions = dockerfile(NATIVE_DOCKERFILE);
        assertThat(instructions).anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("./mvnw")
                && i.args().contains("-Pnative") && i.args().contains("package")
                && i.args().contains("-Dquarkus.native.enabled=true"));
        String buildDirectory = nativeProfile().getElementsByTagName("directory").item(0).getTextContent()
                .replace("${project.basedir}/", "");
        assertThat(lastStage(instructions)).anyMatch(i -> i.keyword().equals("COPY")
                && i.args().contains("--from=build") && i.args().contains("/code/" + buildDirectory + "/*-runner"));
        assertThat(lastStage(instructions)).anyMatch(i -> i.keyword().equals("ENTRYPOINT") && i.args().contains("./application"));
    }

    // ---- docker-compose.native.yml and the native profile ----

    @Test
    void nativeOverrideOnlySwapsTheImage() {
        assertThat(services(nativeOverride).keySet()).containsExactly(APP);
        Map<String, Object> app = service(nativeOverride, APP);
        Map<String, Object> build = map(app.get("build"));
        assertThat(build.get("dockerfile")).isEqualTo("src/main/docker/Dockerfile.native");
        assertThat(ROOT.resolve((String) build.get("context")).resolve((String) build.get("dockerfile"))).isRegularFile();
        assertThat(app.get("image")).as("another tag than the JVM image").isNotEqualTo(service(compose, APP).get("image"));
        // The native executable has no embedded broker: the merged service must still point at kafka.
        assertThat(app).doesNotContainKeys("environment", "env_file", "depends_on", "ports", "volumes", "healthcheck");
        assertThat(environment(service(compose, APP))).containsKey("KAFKA_BOOTSTRAP_SERVERS");
    }

    static Stream<String> serverArtifacts() {
        return Stream.of("kafka_2.13", "kafka-server", "kafka-metadata", "kafka-server-common");
    }

    @ParameterizedTest
    @MethodSource("serverArtifacts")
    void nativeProfileLeavesKafkasServerJarsOut(String artifactId) throws Exception {
        Element profile = nativeProfile();
        NodeList dependencies = profile.getElementsByTagName("dependency");
        Optional<Element> dependency = elements(dependencies).stream()
                .filter(d -> text(d, "artifactId").equals(artifactId))
                .findFirst();
        assertThat(dependency).as("%s redefined in the native profile", artifactId).isPresent();
        assertThat(text(dependency.get(), "groupId")).isEqualTo("org.apache.kafka");
        assertThat(text(dependency.get(), "scope")).isEqualTo("provided");
    }

    @Test
    void nativeProfileDropsTheEmbeddedBrokerAndEnablesNative() throws Exception {
        Element profile = nativeProfile();
        List<String> excludes = elements(profile.getElementsByTagName("exclude")).stream().map(Node::getTextContent).toList();
        assertThat(excludes).contains("**/EmbeddedKafkaBroker.java", "META-INF/services/org.imdbetl.topic.EmbeddedBroker$Factory");
        assertThat(ROOT.resolve("src/main/java/org/imdbetl/topic/EmbeddedKafkaBroker.java")).isRegularFile();
        Element properties = (Element) profile.getElementsByTagName("properties").item(0);
        assertThat(text(properties, "quarkus.native.enabled")).isEqualTo("true");
        assertThat(text(properties, "maven.test.skip")).as("tests start the embedded broker").isEqualTo("true");
        // Nothing else in the main code may use the embedded broker: the native profile does not compile it.
        // Only its META-INF/services entry names it, and the profile leaves that out too.
        try (Stream<Path> sources = Files.walk(ROOT.resolve("src/main/java"))) {
            List<Path> users = sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("EmbeddedKafkaBroker.java"))
                    .filter(p -> code(read(p)).matches("(?s).*\\bEmbeddedKafkaBroker\\b.*"))
                    .toList();
            assertThat(users).isEmpty();
        }
    }

    // ---- helpers ----

    record Instruction(String keyword, String args) {
    }

    /** Instructions of a Dockerfile, continuation lines joined, comments dropped. */
    static List<Instruction> dockerfile(Path file) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            String text = current.toString().strip();
            current.setLength(0);
            if (!text.isEmpty()) {
                String[] parts = text.split("\\s+", 2);
                instructions.add(new Instruction(parts[0].toUpperCase(), parts.length > 1 ? parts[1].strip() : ""));
            }
        }
        return instructions;
    }

    private static List<String> froms(List<Instruction> instructions) {
        return instructions.stream().filter(i -> i.keyword().equals("FROM")).map(Instruction::args).toList();
    }

    static List<Instruction> lastStage(List<Instruction> instructions) {
        int from = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                from = i;
            }
        }
        return instructions.subList(from, instructions.size());
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        assertThat(file).isRegularFile();
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, Object> loaded = new Yaml().load(in);
            assertThat(loaded).as("%s", file).isNotNull();
            return loaded;
        }
    }

    private static Map<String, Object> services(Map<String, Object> file) {
        return map(file.get("services"));
    }

    private static Map<String, Object> service(Map<String, Object> file, String name) {
        Map<String, Object> services = services(file);
        assertThat(services).as("services").containsKey(name);
        return map(services.get(name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** environment in either compose form (map or list of KEY=VALUE), values as strings. */
    private static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> l) {
            l.forEach(e -> {
                String[] kv = String.valueOf(e).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        }
        return env;
    }

    /** Volumes of a service as container path -> source, in short or long syntax. */
    private static Map<String, String> mounts(Map<String, Object> service) {
        Map<String, String> mounts = new LinkedHashMap<>();
        Object volumes = service.get("volumes");
        if (volumes == null) {
            return mounts;
        }
        for (Object volume : (List<?>) volumes) {
            if (volume instanceof Map<?, ?> m) {
                mounts.put(String.valueOf(m.get("target")), String.valueOf(m.get("source")));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                mounts.put(parts[1], parts[0]);
            }
        }
        return mounts;
    }

    /** The container port of a ports entry: "8080", "8080:8080", "127.0.0.1:8080:8080", "8080:8080/tcp" or long syntax. */
    private static int containerPort(Object entry) {
        if (entry instanceof Map<?, ?> m) {
            return Integer.parseInt(String.valueOf(m.get("target")));
        }
        String spec = String.valueOf(entry);
        String last = spec.substring(spec.lastIndexOf(':') + 1);
        return Integer.parseInt(last.replaceAll("/.*", ""));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Every key and scalar value of a parsed YAML document. */
    private static List<String> strings(Object node) {
        List<String> out = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                out.add(String.valueOf(k));
                out.addAll(strings(v));
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> out.addAll(strings(v)));
        } else if (node != null) {
            out.add(String.valueOf(node));
        }
        return out;
    }

    private static Map<String, String> dotEnv() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env"))) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#") || !stripped.contains("=")) {
                continue;
            }
            env.put(stripped.substring(0, stripped.indexOf('=')).strip(), stripped.substring(stripped.indexOf('=') + 1).strip());
        }
        return env;
    }

    private static Element nativeProfile() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document pom = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
            return elements(pom.getElementsByTagName("profile")).stream()
                    .filter(p -> text(p, "id").equals("native"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("pom.xml has no profile 'native'"));
        } catch (Exception e) {
            throw new AssertionError("cannot read pom.xml: " + e, e);
        }
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** Text of the first child element of that name, or "" if there is none. */
    private static String text(Element parent, String child) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    /** Java source without comments and string literals (roughly: enough for this check). */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
                .replaceAll("//[^\\n]*", " ");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
