package dev.highlights.deploy;

import static dev.highlights.deploy.Chart.PREFIX;
import static dev.highlights.deploy.Chart.SERVICES;
import static dev.highlights.deploy.Chart.WORKERS;
import static dev.highlights.deploy.Yamls.at;
import static dev.highlights.deploy.Yamls.map;
import static dev.highlights.deploy.Yamls.maps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** helm lint and helm template of helm/highlights (helm-java), with assertions on the parsed manifests. */
class HelmChartTest {

    /** Kafka SASL_SSL with a truststore, registry basic auth, all from Secrets. */
    static final String SECURE_VALUES = """
            kafka:
              bootstrapServers: "b-1.kafka.example:9096,b-2.kafka.example:9096"
              securityProtocol: SASL_SSL
              sasl:
                mechanism: SCRAM-SHA-512
                jaasConfig:
                  secretName: kafka-client
                  key: jaas
              tls:
                truststore:
                  secretName: kafka-ca
                  key: truststore.p12
                  passwordKey: password
              properties:
                client.dns.lookup: use_all_dns_ips
            schemaRegistry:
              url: https://registry.example:8081
              basicAuth:
                secretName: registry-client
                key: user-info
            """;

    static Chart defaults;

    @BeforeAll
    static void renderDefaults() {
        defaults = Chart.render();
    }

    @Test
    void lintPasses() {
        LintResult result = new Helm(Chart.DIR).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
    }

    @Test
    void defaultValuesRenderOneWorkloadAndServicePerService() {
        assertThat(defaults.workloads()).hasSize(5);
        for (String s : SERVICES) {
            assertThat(defaults.has("Service", PREFIX + s)).as("Service of %s", s).isTrue();
        }
        // Kafka Streams apps with local state keep it on a claim; the rest are Deployments.
        assertThat(defaults.workload("chat").get("kind")).isEqualTo("StatefulSet");
        assertThat(defaults.workload("fusion").get("kind")).isEqualTo("StatefulSet");
        assertThat(at(defaults.workload("fusion"), "spec.volumeClaimTemplates")).isNotNull();
        assertThat(defaults.workload("ingest").get("kind")).isEqualTo("Deployment");
        for (String w : WORKERS) {
            assertThat(defaults.workload(w).get("kind")).isEqualTo("Deployment");
        }
        assertThat(maps(at(defaults.one("Service", PREFIX + "ingest"), "spec.ports")))
                .extracting(p -> p.get("port")).containsExactly((Object) 8080);
        // ingest's health and metrics: their own ClusterIP Service on the container's management port
        assertThat(maps(at(Chart.container(defaults.workload("ingest")), "ports")))
                .anySatisfy(p -> assertThat(p).containsEntry("name", "management").containsEntry("containerPort", 9000));
        assertThat(Chart.env(defaults.workload("ingest"), "QUARKUS_MANAGEMENT_PORT")).containsEntry("value", "9000");
        Map<String, Object> management = defaults.one("Service", PREFIX + "ingest-management");
        assertThat(at(management, "spec.type")).isEqualTo("ClusterIP");
        assertThat(maps(at(management, "spec.ports"))).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("port", 9000).containsEntry("targetPort", "management"));
        assertThat(defaults.has("Ingress", "hl-highlights")).isFalse();
        assertThat(defaults.all("ServiceMonitor")).isEmpty();
    }

    @Test
    void everyPodMeetsTheRestrictedPodSecurityStandard() {
        for (String s : SERVICES) {
            Map<String, Object> pod = Yamls.map(at(defaults.workload(s), "spec.template.spec"));
            assertThat(at(pod, "securityContext.runAsNonRoot")).as("%s runAsNonRoot", s).isEqualTo(true);
            assertThat(at(pod, "securityContext.seccompProfile.type")).as("%s seccomp", s).isEqualTo("RuntimeDefault");
            for (Map<String, Object> c : maps(pod.get("containers"))) {
                assertThat(at(c, "securityContext.allowPrivilegeEscalation")).as("%s escalation", s).isEqualTo(false);
                assertThat(String.valueOf(at(c, "securityContext.capabilities.drop"))).as("%s capabilities", s)
                        .isEqualTo("[ALL]");
                assertThat(at(c, "securityContext.privileged")).as("%s privileged", s).isNotEqualTo(true);
                // Read-only root: what a service writes goes to /tmp (an emptyDir) or the state dir.
                assertThat(at(c, "securityContext.readOnlyRootFilesystem")).as("%s read-only root", s).isEqualTo(true);
                assertThat(maps(c.get("volumeMounts"))).extracting(m -> m.get("mountPath"))
                        .contains("/tmp", "/var/lib/highlights/state");
            }
        }
    }

    @Test
    void everyServiceStopsGracefullyAndLogsAsTold() {
        for (String s : SERVICES) {
            assertThat(Chart.env(defaults.workload(s), "QUARKUS_SHUTDOWN_TIMEOUT")).containsEntry("value", "10s");
            assertThat(Chart.env(defaults.workload(s), "QUARKUS_LOG_CONSOLE_JSON_ENABLED")).containsEntry("value", "false");
        }
        Chart json = Chart.render(null, Map.of("logFormat", "json", "shutdownTimeout", "25s"));
        assertThat(Chart.env(json.workload("chat"), "QUARKUS_LOG_CONSOLE_JSON_ENABLED")).containsEntry("value", "true");
        assertThat(Chart.env(json.workload("chat"), "QUARKUS_SHUTDOWN_TIMEOUT")).containsEntry("value", "25s");
        assertThatThrownBy(() -> Chart.render(null, Map.of("logFormat", "xml"))).hasMessageContaining("logFormat");
    }

    @Test
    void everyWorkloadProbesTheQuarkusHealthEndpoints() {
        Map<String, Integer> ports = Map.of("ingest", 8080, "chat", 8082, "audio", 8083, "video", 8084, "fusion", 8085);
        for (String s : SERVICES) {
            Map<String, Object> c = Chart.container(defaults.workload(s));
            assertThat(at(c, "livenessProbe.httpGet.path")).as("%s liveness", s).isEqualTo("/q/health/live");
            assertThat(at(c, "readinessProbe.httpGet.path")).as("%s readiness", s).isEqualTo("/q/health/ready");
            assertThat(at(c, "startupProbe.httpGet.path")).as("%s startup", s).isEqualTo("/q/health/started");
            // ingest serves /q/* on its management port only, never on the API port an Ingress exposes
            String probePort = s.equals("ingest") ? "management" : "http";
            for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                assertThat(at(c, probe + ".httpGet.port")).as("%s %s", s, probe).isEqualTo(probePort);
            }
            assertThat(maps(c.get("ports")).get(0)).containsEntry("name", "http").containsEntry("containerPort", ports.get(s));
            assertThat(Chart.env(defaults.workload(s), "QUARKUS_HTTP_PORT")).containsEntry("value", ports.get(s).toString());
            assertThat(c.get("resources")).as("%s resources", s).isNotNull();
        }
    }

    @Test
    void workersRequestGpusOnGpuNodesAndNothingElseDoes() {
        for (String w : WORKERS) {
            Map<String, Object> d = defaults.workload(w);
            Map<String, Object> c = Chart.container(d);
            assertThat(at(c, "resources.limits")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("nvidia.com/gpu", 1);
            assertThat(at(c, "resources.requests")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("nvidia.com/gpu", 1).containsKey("cpu");
            assertThat(map(at(d, "spec.template.spec.nodeSelector"))).containsEntry("nvidia.com/gpu.present", "true");
            assertThat(maps(at(d, "spec.template.spec.tolerations")))
                    .contains(Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule"));
            assertThat(Chart.env(d, w.toUpperCase() + "_EXECUTION_PROVIDER")).containsEntry("value", "cuda");
            assertThat(Chart.env(d, w.toUpperCase() + "_GROUP_ID")).containsEntry("value", w + "-service");
        }
        for (String s : List.of("ingest", "chat", "fusion")) {
            Map<String, Object> d = defaults.workload(s);
            assertThat(String.valueOf(at(Chart.container(d), "resources"))).doesNotContain("nvidia.com/gpu");
            assertThat(at(d, "spec.template.spec.nodeSelector")).isNull();
            assertThat(at(d, "spec.template.spec.tolerations")).isNull();
        }
    }

    @Test
    void gpuCountNodeSelectorTolerationsAndProviderComeFromValues() {
        Chart c = Chart.render("""
                services:
                  video:
                    executionProvider: auto
                    gpu:
                      count: 2
                      resourceName: nvidia.com/mig-3g.40gb
                    nodeSelector:
                      cloud.example/accelerator: h100
                      nvidia.com/gpu.present: null
                    tolerations:
                      - key: dedicated
                        operator: Equal
                        value: gpu
                        effect: NoExecute
                    runtimeClassName: nvidia
                  audio:
                    gpu:
                      enabled: false
                    executionProvider: cpu
                    nodeSelector: null
                    tolerations: []
                """, Map.of());
        Map<String, Object> video = c.workload("video");
        assertThat(map(at(Chart.container(video), "resources.limits"))).containsEntry("nvidia.com/mig-3g.40gb", 2)
                .doesNotContainKey("nvidia.com/gpu");
        assertThat(map(at(video, "spec.template.spec.nodeSelector"))).containsExactly(Map.entry("cloud.example/accelerator", "h100"));
        assertThat(maps(at(video, "spec.template.spec.tolerations"))).singleElement()
                .isEqualTo(Map.of("key", "dedicated", "operator", "Equal", "value", "gpu", "effect", "NoExecute"));
        assertThat(at(video, "spec.template.spec.runtimeClassName")).isEqualTo("nvidia");
        assertThat(Chart.env(video, "VIDEO_EXECUTION_PROVIDER")).containsEntry("value", "auto");

        Map<String, Object> audio = c.workload("audio");
        assertThat(String.valueOf(at(Chart.container(audio), "resources"))).doesNotContain("nvidia.com");
        assertThat(at(audio, "spec.template.spec.nodeSelector")).isNull();
        assertThat(Chart.env(audio, "AUDIO_EXECUTION_PROVIDER")).containsEntry("value", "cpu");
    }

    @Test
    void everyServiceGetsTheBrokersAndRegistryAndNoSecretsByDefault() {
        for (String s : SERVICES) {
            Map<String, Object> d = defaults.workload(s);
            assertThat(Chart.env(d, "KAFKA_BOOTSTRAP_SERVERS")).containsEntry("value", "kafka:9092");
            assertThat(Chart.env(d, "SCHEMA_REGISTRY_URL")).containsEntry("value", "http://schema-registry:8081");
            assertThat(Chart.env(d, "KAFKA_SECURITY_PROTOCOL")).isNull();
            assertThat(maps(at(Chart.container(d), "env"))).filteredOn(e -> !"INGEST_API_KEY".equals(e.get("name")))
                    .allSatisfy(e -> assertThat(String.valueOf(e)).doesNotContain("secretKeyRef"));
            assertThat(maps(at(Chart.container(d), "volumeMounts"))).extracting(m -> m.get("mountPath"))
                    .contains("/deployments/config", "/var/lib/highlights/state");
        }
        assertThat(defaults.configProperties().strip())
                .endsWith("kafka-streams.state.dir=/var/lib/highlights/state");
        // Workers create missing catalogue topics with the cluster's replication factor.
        assertThat(Chart.env(defaults.workload("audio"), "AUDIO_TOPIC_REPLICATION_FACTOR")).containsEntry("value", "3");
    }

    @Test
    void theIngestApiIsGuardedByAGeneratedKeyUnlessTurnedOff() throws Exception {
        assertThat(at(Chart.env(defaults.workload("ingest"), "INGEST_API_KEY"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", PREFIX + "ingest-api-key", "key", "api-key"));
        // The Secret is a pre-install hook (made once: an upgrade does not rotate the key; an uninstall leaves it),
        // and the template renderer used here leaves hooks out of its output, so its template is read directly.
        String template = Files.readString(Chart.DIR.resolve("templates/api-key-secret.yaml"));
        assertThat(template).contains("helm.sh/hook: pre-install", "helm.sh/resource-policy: keep",
                "include \"highlights.apiKeySecret\"", "randAlphaNum 40 | b64enc");

        Chart named = Chart.render(null, Map.of("services.ingest.apiKey.secretName", "mine"));
        assertThat(at(Chart.env(named.workload("ingest"), "INGEST_API_KEY"), "valueFrom.secretKeyRef.name")).isEqualTo("mine");
        Chart open = Chart.render(null, Map.of("services.ingest.apiKey.enabled", false));
        assertThat(Chart.env(open.workload("ingest"), "INGEST_API_KEY")).isNull();
    }

    @Test
    void kafkaSecurityAndRegistryCredentialsPassFromSecretsToEveryService() {
        Chart c = Chart.render(SECURE_VALUES, Map.of());
        for (String s : SERVICES) {
            Map<String, Object> d = c.workload(s);
            assertThat(Chart.env(d, "KAFKA_BOOTSTRAP_SERVERS")).containsEntry("value", "b-1.kafka.example:9096,b-2.kafka.example:9096");
            assertThat(Chart.env(d, "SCHEMA_REGISTRY_URL")).containsEntry("value", "https://registry.example:8081");
            assertThat(Chart.env(d, "KAFKA_SECURITY_PROTOCOL")).containsEntry("value", "SASL_SSL");
            assertThat(Chart.env(d, "KAFKA_SASL_MECHANISM")).containsEntry("value", "SCRAM-SHA-512");
            assertThat(at(Chart.env(d, "KAFKA_SASL_JAAS_CONFIG"), "valueFrom.secretKeyRef"))
                    .isEqualTo(Map.of("name", "kafka-client", "key", "jaas"));
            assertThat(Chart.env(d, "KAFKA_SSL_TRUSTSTORE_LOCATION"))
                    .containsEntry("value", "/etc/highlights/kafka-tls/truststore/truststore.p12");
            assertThat(at(Chart.env(d, "KAFKA_SSL_TRUSTSTORE_PASSWORD"), "valueFrom.secretKeyRef"))
                    .isEqualTo(Map.of("name", "kafka-ca", "key", "password"));
            assertThat(Chart.env(d, "KAFKA_CLIENT_DNS_LOOKUP")).containsEntry("value", "use_all_dns_ips");
            assertThat(at(Chart.env(d, "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO"), "valueFrom.secretKeyRef"))
                    .isEqualTo(Map.of("name", "registry-client", "key", "user-info"));
            assertThat(Chart.env(d, "SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE")).containsEntry("value", "USER_INFO");
            assertThat(maps(at(Chart.container(d), "volumeMounts")))
                    .anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/etc/highlights/kafka-tls/truststore")
                            .containsEntry("readOnly", true));
            assertThat(maps(at(d, "spec.template.spec.volumes")))
                    .anySatisfy(v -> assertThat(at(v, "secret.secretName")).isEqualTo("kafka-ca"));
        }
        // The config file hands each env var, unchanged, to every client family's pass-through keys.
        String props = c.configProperties();
        for (String line : List.of(
                "kafka.sasl.jaas.config=${KAFKA_SASL_JAAS_CONFIG}",
                "kafka-streams.sasl.jaas.config=${KAFKA_SASL_JAAS_CONFIG}",
                "ingest.producer.\"sasl.jaas.config\"=${KAFKA_SASL_JAAS_CONFIG}",
                "kafka-streams.security.protocol=${KAFKA_SECURITY_PROTOCOL}",
                "ingest.producer.\"ssl.truststore.password\"=${KAFKA_SSL_TRUSTSTORE_PASSWORD}",
                "kafka.basic.auth.user.info=${SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}",
                "kafka-streams.basic.auth.user.info=${SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}",
                "ingest.producer.\"basic.auth.credentials.source\"=${SCHEMA_REGISTRY_BASIC_AUTH_CREDENTIALS_SOURCE}")) {
            assertThat(props).contains(line);
        }
        // No value lands in the ConfigMap: every key but the state dir refers to the pod's environment.
        assertThat(props.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("kafka-streams.state.dir=")))
                .hasSize(3 * 9).allMatch(l -> l.matches("[^=]+=\\$\\{[A-Z_]+}"));
    }

    /** SCRAM with a user name and password Secret (kafka.sasl.credentials), and KEDA authenticating with it. */
    static final String CREDENTIAL_VALUES = """
            kafka:
              securityProtocol: SASL_SSL
              sasl:
                mechanism: SCRAM-SHA-512
                credentials:
                  secretName: kafka-user
            keda:
              enabled: true
              triggerAuthentication:
                create: true
            """;

    @Test
    void saslCredentialsBecomeTheJaasLineOfEveryClientAndKedaReadsTheSameSecret() {
        Chart c = Chart.render(CREDENTIAL_VALUES, Map.of());
        String line = "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"${HIGHLIGHTS_KAFKA_SASL_USERNAME}\" password=\"${HIGHLIGHTS_KAFKA_SASL_PASSWORD}\";";
        for (String s : SERVICES) {
            Map<String, Object> d = c.workload(s);
            assertThat(at(Chart.env(d, "HIGHLIGHTS_KAFKA_SASL_USERNAME"), "valueFrom.secretKeyRef"))
                    .isEqualTo(Map.of("name", "kafka-user", "key", "username"));
            assertThat(at(Chart.env(d, "HIGHLIGHTS_KAFKA_SASL_PASSWORD"), "valueFrom.secretKeyRef"))
                    .isEqualTo(Map.of("name", "kafka-user", "key", "password"));
            assertThat(Chart.env(d, "KAFKA_SASL_JAAS_CONFIG")).containsEntry("value", line);
        }
        // The services' own Secret keys, not a second Secret in KEDA's names.
        assertThat(maps(at(c.one("TriggerAuthentication", "hl-highlights-kafka"), "spec.secretTargetRef")))
                .containsExactly(Map.of("parameter", "username", "name", "kafka-user", "key", "username"),
                        Map.of("parameter", "password", "name", "kafka-user", "key", "password"));
        for (String w : WORKERS) {
            Map<String, Object> trigger = maps(at(c.one("ScaledObject", PREFIX + w), "spec.triggers")).get(0);
            assertThat(map(trigger.get("metadata"))).containsEntry("sasl", "scram_sha512").containsEntry("tls", "enable");
            assertThat(at(trigger, "authenticationRef.name")).isEqualTo("hl-highlights-kafka");
        }
        // Mechanisms without a user name and password need the complete line.
        assertThatThrownBy(() -> Chart.render(CREDENTIAL_VALUES, Map.of("kafka.sasl.mechanism", "OAUTHBEARER")))
                .hasMessageContaining("kafka.sasl.jaasConfig");
    }

    @Test
    void theChartsJaasLineResolvesToTheSecretsCredentialsForEveryClientFamily() {
        // What Quarkus does in the pod: the mounted config file (ordinal 260) over the environment (300, as the
        // kubelet sets it from the Secret), expressions expanded.
        Chart c = Chart.render(CREDENTIAL_VALUES, Map.of());
        Map<String, String> podEnv = new java.util.HashMap<>();
        podEnv.put("HIGHLIGHTS_KAFKA_SASL_USERNAME", "highlights");
        podEnv.put("HIGHLIGHTS_KAFKA_SASL_PASSWORD", "s3cr=t pass");
        for (Map<String, Object> e : maps(at(Chart.container(c.workload("fusion")), "env"))) {
            if (e.get("value") != null) {
                podEnv.put((String) e.get("name"), String.valueOf(e.get("value")));
            }
        }
        java.util.Properties file = new java.util.Properties();
        try {
            file.load(new java.io.StringReader(c.configProperties()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Map<String, String> fileMap = new java.util.HashMap<>();
        file.forEach((k, v) -> fileMap.put((String) k, (String) v));
        io.smallrye.config.SmallRyeConfig config = new io.smallrye.config.SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new io.smallrye.config.PropertiesConfigSource(fileMap, "configmap", 260))
                .withSources(new io.smallrye.config.EnvConfigSource(podEnv, 300))
                .build();
        String expected = "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"highlights\" password=\"s3cr=t pass\";";
        assertThat(config.getValue("kafka.sasl.jaas.config", String.class)).isEqualTo(expected);
        assertThat(config.getValue("kafka-streams.sasl.jaas.config", String.class)).isEqualTo(expected);
        assertThat(config.getValue("ingest.producer.\"sasl.jaas.config\"", String.class)).isEqualTo(expected);
        assertThat(config.getValue("kafka-streams.security.protocol", String.class)).isEqualTo("SASL_SSL");
    }

    @Test
    void workersRunOneSegmentPerCoreOfTheirCpuRequestUnlessTold() {
        for (String w : WORKERS) {
            Map<String, Object> env = Chart.env(defaults.workload(w), w.toUpperCase() + "_CONCURRENCY");
            assertThat(map(at(env, "valueFrom.resourceFieldRef")))
                    .containsEntry("containerName", w).containsEntry("resource", "requests.cpu").containsEntry("divisor", "1");
        }
        Chart fixed = Chart.render(null, Map.of("services.video.concurrency", 3));
        assertThat(Chart.env(fixed.workload("video"), "VIDEO_CONCURRENCY")).containsEntry("value", "3");
    }

    @Test
    void kedaScalesTheWorkersOnConsumerLagOfMediaSegments() {
        Chart c = Chart.render("""
                keda:
                  enabled: true
                  triggerAuthentication:
                    create: true
                    secretTargetRef:
                      - {parameter: sasl, name: kafka-keda, key: sasl}
                      - {parameter: username, name: kafka-keda, key: username}
                      - {parameter: password, name: kafka-keda, key: password}
                      - {parameter: tls, name: kafka-keda, key: tls}
                services:
                  video:
                    groupId: video-gpu-a
                    autoscaling:
                      lagThreshold: 2
                      minReplicas: 0
                      maxReplicas: 48
                """, Map.of());
        assertThat(c.all("HorizontalPodAutoscaler")).isEmpty();
        assertThat(c.all("ScaledObject")).hasSize(2);
        Map<String, String> groups = Map.of("audio", "audio-service", "video", "video-gpu-a");
        Map<String, String> lags = Map.of("audio", "4", "video", "2");
        for (String w : WORKERS) {
            Map<String, Object> so = c.one("ScaledObject", PREFIX + w);
            assertThat(map(at(so, "spec.scaleTargetRef"))).containsEntry("kind", "Deployment").containsEntry("name", PREFIX + w);
            Map<String, Object> trigger = maps(at(so, "spec.triggers")).get(0);
            assertThat(trigger).containsEntry("type", "kafka");
            assertThat(map(trigger.get("metadata")))
                    .containsEntry("topic", "media-segments")
                    .containsEntry("consumerGroup", groups.get(w))
                    .containsEntry("lagThreshold", lags.get(w))
                    .containsEntry("bootstrapServers", "kafka:9092");
            assertThat(at(trigger, "authenticationRef.name")).isEqualTo("hl-highlights-kafka");
            // The worker's own consumer group is the one the scaler watches.
            assertThat(Chart.env(c.workload(w), w.toUpperCase() + "_GROUP_ID")).containsEntry("value", groups.get(w));
            // KEDA owns the replica count.
            assertThat(at(c.workload(w), "spec.replicas")).isNull();
        }
        assertThat(at(c.one("ScaledObject", PREFIX + "video"), "spec.minReplicaCount")).isEqualTo(0);
        assertThat(at(c.one("ScaledObject", PREFIX + "video"), "spec.maxReplicaCount")).isEqualTo(48);
        assertThat(maps(at(c.one("TriggerAuthentication", "hl-highlights-kafka"), "spec.secretTargetRef"))).hasSize(4);
    }

    @Test
    void aTopicPrefixReachesEveryServiceAndTheScalersTopicAndGroups() {
        Chart c = Chart.render("topics:\n  prefix: team-a.\nkeda:\n  enabled: true\n", Map.of());
        for (String s : SERVICES) {
            assertThat(Chart.env(c.workload(s), "HIGHLIGHTS_TOPIC_PREFIX")).containsEntry("value", "team-a.");
        }
        for (String w : WORKERS) {
            assertThat(Chart.env(c.workload(w), w.toUpperCase() + "_GROUP_ID")).containsEntry("value", "team-a." + w + "-service");
            Map<String, Object> trigger = maps(at(c.one("ScaledObject", PREFIX + w), "spec.triggers")).get(0);
            assertThat(map(trigger.get("metadata"))).containsEntry("topic", "team-a.media-segments")
                    .containsEntry("consumerGroup", "team-a." + w + "-service");
        }
        assertThat(Chart.env(defaults.workload("chat"), "HIGHLIGHTS_TOPIC_PREFIX")).isNull();
        assertThatThrownBy(() -> Chart.render("topics:\n  prefix: \"team a\"\n", Map.of())).hasMessageContaining("prefix");
    }

    @Test
    void withoutKedaTheWorkersGetAPlainHpa() {
        assertThat(defaults.all("ScaledObject")).isEmpty();
        assertThat(defaults.all("TriggerAuthentication")).isEmpty();
        assertThat(defaults.all("HorizontalPodAutoscaler")).hasSize(2);
        for (String w : WORKERS) {
            Map<String, Object> hpa = defaults.one("HorizontalPodAutoscaler", PREFIX + w);
            assertThat(at(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
            assertThat(map(at(hpa, "spec.scaleTargetRef"))).containsEntry("name", PREFIX + w);
            assertThat(at(hpa, "spec.minReplicas")).isEqualTo(1);
            assertThat(at(hpa, "spec.maxReplicas")).isEqualTo(8);
            assertThat(at(maps(at(hpa, "spec.metrics")).get(0), "resource.name")).isEqualTo("cpu");
        }
        Chart off = Chart.render(null, Map.of("services.audio.autoscaling.enabled", false));
        assertThat(off.has("HorizontalPodAutoscaler", PREFIX + "audio")).isFalse();
        assertThat(at(off.workload("audio"), "spec.replicas")).isEqualTo(1);
    }

    @Test
    void valuesSchemaRefusesMistypedAndUnknownValues() {
        // values.schema.json: helm checks the values against it before rendering anything.
        assertThatThrownBy(() -> Chart.render("services:\n  video:\n    replicas: 2\n", Map.of()))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> Chart.render("topics:\n  mediaSegmentsPartitions: many\n", Map.of()))
                .hasMessageContaining("mediaSegmentsPartitions");
        assertThatThrownBy(() -> Chart.render("kafka:\n  securityProtocol: SASL_TLS\n", Map.of()))
                .hasMessageContaining("securityProtocol");
        assertThatThrownBy(() -> Chart.render("schemaRegistry:\n  url: schema-registry:8081\n", Map.of()))
                .hasMessageContaining("url");
    }

    @Test
    void workersNeverScaleBeyondThePartitionsOfMediaSegments() {
        assertThatThrownBy(() -> Chart.render(null, Map.of("services.audio.autoscaling.maxReplicas", 64)))
                .hasMessageContaining("above the partitions of media-segments");
        Chart idle = Chart.render(null, Map.of("services.audio.autoscaling.maxReplicas", 64,
                "keda.enabled", true, "keda.allowIdleConsumers", true));
        assertThat(at(idle.one("ScaledObject", PREFIX + "audio"), "spec.maxReplicaCount")).isEqualTo(64);
    }

    @Test
    void everyServiceHasAPodDisruptionBudgetMatchingItsPods() {
        assertThat(defaults.all("PodDisruptionBudget")).hasSize(5);
        for (String s : SERVICES) {
            Map<String, Object> pdb = defaults.one("PodDisruptionBudget", PREFIX + s);
            assertThat(at(pdb, "apiVersion")).isEqualTo("policy/v1");
            assertThat(at(pdb, "spec.maxUnavailable")).isEqualTo(1);
            Map<String, Object> selector = map(at(pdb, "spec.selector.matchLabels"));
            assertThat(map(at(defaults.workload(s), "spec.template.metadata.labels"))).containsAllEntriesOf(selector);
            assertThat(map(at(defaults.workload(s), "spec.selector.matchLabels"))).isEqualTo(selector);
        }
        Chart c = Chart.render(null, Map.of("services.fusion.pdb.minAvailable", 1, "services.chat.pdb.enabled", false));
        assertThat(at(c.one("PodDisruptionBudget", PREFIX + "fusion"), "spec.minAvailable")).isEqualTo(1);
        assertThat(at(c.one("PodDisruptionBudget", PREFIX + "fusion"), "spec.maxUnavailable")).isNull();
        assertThat(c.has("PodDisruptionBudget", PREFIX + "chat")).isFalse();
    }

    @Test
    void optionalIngressServiceMonitorMediaAndApiKey() {
        Chart c = Chart.render("""
                image:
                  registry: registry.example/highlights
                  tag: "1.2.3"
                ingress:
                  enabled: true
                  className: nginx
                  hosts:
                    - host: highlights.example
                      paths: [{path: /, pathType: Prefix}]
                metrics:
                  serviceMonitor:
                    enabled: true
                media:
                  enabled: true
                  existingClaim: vods
                services:
                  ingest:
                    apiKey:
                      secretName: ingest-api
                  chat:
                    persistence:
                      enabled: false
                """, Map.of());
        Map<String, Object> ingress = c.one("Ingress", "hl-highlights");
        assertThat(at(maps(at(ingress, "spec.rules")).get(0), "host")).isEqualTo("highlights.example");
        assertThat(String.valueOf(ingress.get("spec"))).contains("name=" + PREFIX + "ingest", "number=8080");
        Map<String, Object> sm = c.one("ServiceMonitor", "hl-highlights");
        assertThat(maps(at(sm, "spec.endpoints"))).extracting(e -> e.get("port"), e -> e.get("path"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http", "/q/metrics"),
                        org.assertj.core.groups.Tuple.tuple("management", "/q/metrics"));
        // ingest's API Service is left out of the http endpoint: its /q/metrics is on the management Service
        assertThat(at(c.one("Service", PREFIX + "ingest"), "metadata.labels"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("highlights.dev/api-only", "true");
        assertThat(at(Chart.container(c.workload("audio")), "image"))
                .isEqualTo("registry.example/highlights/highlights/audio-service:1.2.3");
        // The media claim: the same path in ingest (media root) and the workers (read-only).
        for (String s : List.of("ingest", "audio", "video")) {
            assertThat(maps(at(Chart.container(c.workload(s)), "volumeMounts")))
                    .anySatisfy(m -> assertThat(m).containsEntry("name", "media").containsEntry("mountPath", "/media")
                            .containsEntry("readOnly", !s.equals("ingest")));
            assertThat(maps(at(c.workload(s), "spec.template.spec.volumes")))
                    .anySatisfy(v -> assertThat(at(v, "persistentVolumeClaim.claimName")).isEqualTo("vods"));
        }
        assertThat(Chart.env(c.workload("ingest"), "INGEST_MEDIA_ROOTS")).containsEntry("value", "/media");
        // The workers open only what lies under the same roots (one media policy).
        assertThat(Chart.env(c.workload("audio"), "AUDIO_MEDIA_ROOTS")).containsEntry("value", "/media");
        assertThat(Chart.env(c.workload("video"), "VIDEO_MEDIA_ROOTS")).containsEntry("value", "/media");
        assertThat(at(Chart.env(c.workload("ingest"), "INGEST_API_KEY"), "valueFrom.secretKeyRef"))
                .isEqualTo(Map.of("name", "ingest-api", "key", "api-key"));
        assertThat(String.valueOf(at(c.workload("chat"), "spec.template.spec.volumes"))).doesNotContain("media");
        assertThat(c.workload("chat").get("kind")).isEqualTo("Deployment");
    }
}
