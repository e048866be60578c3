package io.releaseradar.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.core.ConditionTimeoutException;
import org.jboss.logmanager.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * One real Kafka node (KRaft, combined broker + controller) running inside the test JVM, built with Kafka's own
 * {@link KafkaClusterTestKit}. Its data lives in a temporary directory that is deleted when it stops.
 *
 * <p>{@link #shared()} starts the node on first use; a JVM shutdown hook stops it. Every test class and every
 * Quarkus test profile of one surefire run talks to the same broker, so tests must use topic names and consumer
 * groups that do not collide (or tolerate what other tests left behind).
 *
 * <p>One broker per JVM, not per class loader: Quarkus loads test classes, and so this class, anew in each
 * application class loader (one per test profile / restart), which would give each its own static field and
 * its own broker. The broker is therefore always owned by the copy of this class in the system class loader;
 * copies in other class loaders are views that know its address.
 */
public final class KafkaBroker {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    /** The broker's own categories ("kafka.*" are its Scala classes), and the clients'. */
    private static final List<String> QUIET_CATEGORIES = List.of("kafka", "org.apache.kafka", "state.change.logger");
    private static final List<Logger> QUIETED = new ArrayList<>();

    private static KafkaBroker shared;

    /** Null in views (copies of this class outside the system class loader). */
    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private final Duration startTime;

    private KafkaBroker(KafkaClusterTestKit cluster, String bootstrapServers, Duration startTime) {
        this.cluster = cluster;
        this.bootstrapServers = bootstrapServers;
        this.startTime = startTime;
    }

    /** The broker of this JVM, started on the first call (in any class loader); stopped by a shutdown hook. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = viewOfSystemClassLoaderBroker();
            if (shared == null) {
                KafkaBroker broker = start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "kafka-broker-shutdown"));
                shared = broker;
            }
        }
        return shared;
    }

    /**
     * The broker owned by this class as loaded by the system class loader (starting it if needed), or null if
     * this is that class (or the system class loader cannot see the test classes): then this copy owns it.
     */
    private static KafkaBroker viewOfSystemClassLoaderBroker() {
        Class<?> owner;
        try {
            owner = Class.forName(KafkaBroker.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
        if (owner == KafkaBroker.class) {
            return null;
        }
        try {
            Object broker = owner.getMethod("shared").invoke(null);
            String servers = (String) owner.getMethod("bootstrapServers").invoke(broker);
            Duration took = (Duration) owner.getMethod("startTime").invoke(broker);
            return new KafkaBroker(null, servers, took);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not reach the shared in-JVM Kafka broker", e);
        }
    }

    /**
     * Starts the node with this class's loader as context class loader: the broker's threads inherit it, and
     * log4j-core (pulled in by kafka-server) looks its plugins up through it. A Quarkus application class loader
     * there would give ClassCastExceptions and keep every discarded application class loader reachable.
     */
    private static KafkaBroker start() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(KafkaBroker.class.getClassLoader());
        try {
            return startNode();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static KafkaBroker startNode() {
        quietBrokerLogging();
        long t0 = System.nanoTime();
        Path baseDirectory;
        try {
            // Our own directory: TestKitNodes' default one is deleted by a shutdown hook of Kafka's TestUtils,
            // concurrently with the hook that closes the broker (errors about missing checkpoint files).
            // KafkaClusterTestKit.close() deletes it.
            baseDirectory = Files.createTempDirectory("release-radar-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBaseDirectory(baseDirectory)
                // What a released broker runs, rather than the test kit's default (the latest unstable version).
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = null;
        try {
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    // A single node: every internal topic has exactly one replica.
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("default.replication.factor", "1")
                    .setConfigProp("min.insync.replicas", "1")
                    .setConfigProp("num.partitions", "4")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Could not start the in-JVM Kafka broker", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        KafkaBroker broker = new KafkaBroker(cluster, cluster.bootstrapServers(), took);
        System.out.printf("In-JVM Kafka broker started at %s in %d ms%n", broker.bootstrapServers, took.toMillis());
        return broker;
    }

    /** {@code host:port} of the broker's client listener (PLAINTEXT). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** How long the broker took to start (build, format, startup, wait until ready). */
    public Duration startTime() {
        return startTime;
    }

    /** Creates the topic with one replica; does nothing if it already exists (whatever its partition count). */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "test-admin-" + UUID.randomUUID()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + name, e);
        }
    }

    /** A new String/String producer (acks=all); the caller closes it. */
    public KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "test-producer-" + UUID.randomUUID());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaProducer<>(props);
    }

    /**
     * Reads {@code topic} from the beginning with a throwaway consumer group (nothing is committed), polling
     * until at least {@code expectedAtLeast} records arrived or {@code timeout} passed, and returns what was
     * read: the caller asserts on it. Records of one partition keep their order; across partitions they do not.
     * To check that a topic stays empty (or to read everything within a time window), pass
     * {@code Integer.MAX_VALUE} as {@code expectedAtLeast}: the call then reads for the whole timeout.
     */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration timeout, int expectedAtLeast) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(Set.of(topic));
            try {
                await().atMost(timeout)
                        .pollInSameThread() // KafkaConsumer is single-threaded
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                            return records.size() >= expectedAtLeast;
                        });
            } catch (ConditionTimeoutException e) {
                // Fewer records than expected within the timeout: return what arrived, the caller asserts.
            }
        }
        return List.copyOf(records);
    }

    /**
     * The broker logs hundreds of INFO lines (and every client dumps its configuration): only WARN and above,
     * unless {@code -Dkafka-broker.log-level=INFO} (or DEBUG, ...) asks for more. Quarkus tests apply
     * {@code quarkus.log.category."..."} from application.properties once the application starts.
     */
    private static void quietBrokerLogging() {
        String name = System.getProperty("kafka-broker.log-level");
        // Level.WARN first: it also registers JBoss' level names (WARN, DEBUG, ...) for java.util.logging.Level.parse
        java.util.logging.Level level = Level.WARN;
        if (name != null && !name.isBlank()) {
            level = java.util.logging.Level.parse(name.trim().toUpperCase(java.util.Locale.ROOT));
        }
        for (String category : QUIET_CATEGORIES) {
            Logger logger = LogContext.getLogContext().getLogger(category);
            logger.setLevel(level);
            QUIETED.add(logger); // loggers keep their level only while referenced
        }
    }

    private void stop() {
        try {
            cluster.close();
        } catch (Exception e) {
            System.err.println("Could not stop the in-JVM Kafka broker: " + e);
        }
    }
}
