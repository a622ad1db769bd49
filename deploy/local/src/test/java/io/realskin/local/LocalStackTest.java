package io.realskin.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a real broker and a real PostgreSQL answer, with the topics and databases of docs/architecture.md. */
class LocalStackTest {
    private final LocalStack stack = LocalStack.shared();

    @Test
    void createsEveryTopicWithItsPartitionCount() throws Exception {
        try (var admin = stack.broker().admin()) {
            var descriptions = admin.describeTopics(Topics.ALL.stream().map(Topics.TopicSpec::name).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            for (Topics.TopicSpec spec : Topics.ALL) {
                assertEquals(spec.partitions(), descriptions.get(spec.name()).partitions().size(), spec.name());
            }
            assertTrue(descriptions.get(Topics.TEXTURE_REQUESTS).partitions().size() >= 12);
        }
    }

    /** Two stacks starting at once may both find a port free: the one that loses it must not use the other's server. */
    @Test
    void aServerWhosePortAnotherOneTookDoesNotPassForStarted(@TempDir Path dir) {
        int kafkaPort = Integer.parseInt(stack.kafkaBootstrapServers().substring(stack.kafkaBootstrapServers().lastIndexOf(':') + 1));
        KafkaBroker second = new KafkaBroker(dir.resolve("kafka"), kafkaPort);
        try {
            String refused = assertThrows(IllegalStateException.class, second::start).getMessage();
            assertTrue(refused.contains("Kafka broker exited"), refused); // its bind failed; the other answered meanwhile
        } finally {
            second.close();
        }
        String refused = assertThrows(IllegalStateException.class,
                () -> PostgresServer.start(dir.resolve("postgres"), stack.postgres().port()).close()).getMessage();
        assertTrue(refused.contains("another PostgreSQL"), refused);
    }

    @Test
    void brokerRoundTripsARecord() {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (var producer = new KafkaProducer<String, String>(producerProps)) {
            producer.send(new ProducerRecord<>(Topics.dlq(Topics.BILLING_EVENTS), "job-1", "{\"hello\":1}")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-test");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (var consumer = new KafkaConsumer<String, String>(consumerProps)) {
            consumer.subscribe(Set.of(Topics.dlq(Topics.BILLING_EVENTS)));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos(); // a busy machine
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (var record : records) {
                    assertEquals("job-1", record.key());
                    assertEquals("{\"hello\":1}", record.value());
                    return;
                }
            }
        }
        throw new AssertionError("record not consumed within 120 s");
    }

    @Test
    void postgresServesOneDatabasePerService() throws Exception {
        Map<String, String> env = stack.serviceEnvironment("billing");
        assertTrue(env.get("QUARKUS_DATASOURCE_REACTIVE_URL").endsWith("/billing"));
        try (Connection c = stack.postgres().connect("billing"); Statement s = c.createStatement()) {
            s.execute("create table if not exists probe (id int primary key)");
            s.execute("insert into probe values (1) on conflict do nothing");
            try (ResultSet rs = s.executeQuery("select count(*) from probe")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
        stack.postgres().ensureDatabase("billing"); // idempotent
        List<String> keys = List.copyOf(stack.quarkusConfig(null).keySet());
        assertEquals(List.of("kafka.bootstrap.servers", "realskin.blob.store", "realskin.blob.dir"), keys);
    }
}
