package org.imdbetl.kafka;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;

/**
 * Starts the embedded broker without a compile-time reference to it. The JVM build contains
 * {@link EmbeddedKafkaBroker} and Kafka's server jars; the native build ({@code -Pnative}) has
 * neither, and then asking for an embedded broker fails at once with a message saying what to set.
 */
public final class EmbeddedBrokerLoader {

    /** The implementation, loaded by name. */
    public static final String IMPLEMENTATION = "org.imdbetl.kafka.EmbeddedKafkaBroker";

    /** Why the service stops when no broker is configured and none can be embedded. */
    public static final String NOT_AVAILABLE = "Kafka: this native image has no embedded broker; set KAFKA_BOOTSTRAP_SERVERS"
            + " to an external Kafka (with docker compose: kafka:9092). Native images and -Pnative builds leave "
            + IMPLEMENTATION + " and Kafka's server jars out.";

    private EmbeddedBrokerLoader() {
    }

    /** Whether this build can embed a broker. */
    public static boolean available() {
        try {
            factory(IMPLEMENTATION);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Starts the embedded broker; see {@link EmbeddedKafkaBroker#start(String, int, int, Path)}. */
    public static EmbeddedBroker start(String host, int port, int controllerPort, Path logDir) {
        return start(IMPLEMENTATION, host, port, controllerPort, logDir);
    }

    /**
     * Starts the broker implemented by the named class, through its
     * {@code public static start(String, int, int, Path)}. Errors of the broker itself come out
     * unchanged; a missing implementation gives an {@link IllegalStateException} with
     * {@link #NOT_AVAILABLE}. The class name is a parameter for tests only.
     */
    public static EmbeddedBroker start(String implementation, String host, int port, int controllerPort, Path logDir) {
        Method start = factory(implementation);
        try {
            return (EmbeddedBroker) start.invoke(null, host, port, controllerPort, logDir);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Could not start the embedded Kafka broker: " + cause, cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(NOT_AVAILABLE, e);
        }
    }

    private static Method factory(String implementation) {
        try {
            Class<?> type = Class.forName(implementation);
            Method start = type.getMethod("start", String.class, int.class, int.class, Path.class);
            if (!Modifier.isStatic(start.getModifiers()) || !EmbeddedBroker.class.isAssignableFrom(start.getReturnType())) {
                throw new IllegalStateException(NOT_AVAILABLE + " (" + implementation + ".start is not a static factory of an EmbeddedBroker)");
            }
            return start;
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            throw new IllegalStateException(NOT_AVAILABLE, e);
        }
    }
}
