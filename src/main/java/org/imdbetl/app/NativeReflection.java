package org.imdbetl.app;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.imdbetl.domain.Movie;
import org.imdbetl.lake.Manifest;

/**
 * What a native image must keep for reflection that Quarkus cannot see by itself. No effect on the JVM.
 * <ul>
 * <li>Jackson through our own mappers, outside Quarkus REST: {@link Movie} (record values on the topic,
 * {@code MovieJson}) and {@link Manifest} / {@link Manifest.Part} ({@code _manifest.json}).</li>
 * <li>Parquet: {@code CodecFactory} creates the SNAPPY codec by name through Hadoop's
 * {@code ReflectionUtils}; {@code AvroWriteSupport} creates its data model supplier by name.</li>
 * </ul>
 * The Parquet part is a best effort and has not been through native-image (see docs/DOCKER.md); the
 * snappy-java native library itself is registered by the Kafka extension ({@code quarkus.kafka.snappy.enabled},
 * set by the {@code native} Maven profile).
 */
@RegisterForReflection(targets = { Movie.class, Manifest.class, Manifest.Part.class },
        classNames = {
                "org.apache.parquet.hadoop.codec.SnappyCodec",
                "org.apache.parquet.avro.SpecificDataSupplier",
                "org.apache.parquet.avro.GenericDataSupplier"
        })
final class NativeReflection {

    private NativeReflection() {
    }
}
