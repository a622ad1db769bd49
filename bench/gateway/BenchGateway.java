import io.realskin.contracts.ApiKeys;
import io.realskin.local.FreePorts;
import io.realskin.local.LocalDeployment;
import io.realskin.local.LocalStack;
import io.realskin.local.RealSkinService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of the gateway, driven by wrk (2 threads, on the same 2 cores as everything else), three scenarios
 * in one run: the bare GET /ping of the Quarkus process, the hottest read (authenticated GET /v1/jobs/{id}), and the
 * partners' hot path, job submission (POST /v1/jobs, analyze, each request with its own Idempotency-Key: the billing
 * hold over HTTP, the job row and its outbox record in one transaction, the relay to Kafka). Starts its own stack
 * (Kafka, PostgreSQL), billing and the gateway, both as in production (G1, both JIT tiers); workers are not started.
 * Submitted analyze jobs are marked completed every 100 ms, as workers would finish them, so that the tenant's cap on
 * unfinished jobs (raised for the run) and the count behind it stay at their production size.
 *
 * With REALSKIN_BENCH_BASELINE=/other/checkout (its gateway and billing packaged), that build runs beside this one on
 * the same stack (own databases) and the rounds alternate between them, so before/after is a ratio measured under the
 * same load. The load average is printed beside each figure.
 *
 * Run: bench/gateway/run.sh [duration-seconds] [connections]
 */
public class BenchGateway {
    private static final String TENANT = "admin";

    /** One measurement: requests/s, latency percentiles as wrk prints them, non-2xx answers, 1-minute load average before. */
    record Figure(String build, String scenario, int round, double rps, String p50, String p99, long non2xx, double load,
                  Map<String, Double> cpuMsPerRequest) {
        double p99Millis() {
            return millis(p99);
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int submitConnections = Integer.parseInt(System.getenv().getOrDefault("REALSKIN_BENCH_SUBMIT_CONNECTIONS", "16"));
        String baseline = System.getenv("REALSKIN_BENCH_BASELINE");
        int rounds = Integer.parseInt(System.getenv().getOrDefault("REALSKIN_BENCH_ROUNDS", baseline == null ? "1" : "3"));
        Path lua = root.resolve("bench/gateway/submit.lua");
        String adminKey = ApiKeys.generate(false);
        try (LocalStack stack = LocalStack.start(Files.createTempDirectory("realskin-bench-"), Map.of())) {
            LocalDeployment deployment = new LocalDeployment(root, stack, LocalDeployment.anyFreePorts(), adminKey);
            List<Target> targets = new ArrayList<>();
            targets.add(Target.start(stack, deployment, "current", root, ""));
            if (baseline != null) {
                targets.add(Target.start(stack, deployment, "baseline", Path.of(baseline).toAbsolutePath(), "_baseline"));
            }
            CpuMeter cpu = CpuMeter.of(stack);
            for (Target t : targets) {
                System.out.println(t.label + ": " + t.root + ", gateway " + t.base + ", read job " + t.job);
                t.warmUp(connections, submitConnections, lua);
            }

            List<Figure> figures = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                List<Target> order = new ArrayList<>(targets);
                if (round % 2 == 0) {
                    java.util.Collections.reverse(order); // neither build always runs first
                }
                for (Target t : order) {
                    figures.add(t.measure("GET /ping", round, wrk(connections, seconds, t.base + "/ping")));
                    figures.add(t.measure("GET /v1/jobs/{id}", round, wrk(connections, seconds,
                            "-H", "Authorization: Bearer " + t.key, t.base + "/v1/jobs/" + t.job)));
                    figures.add(t.measure("POST /v1/jobs", round, wrk(submitConnections, seconds,
                            "-s", lua.toString(), t.base, "--", t.key, t.image, "r" + round + "-" + UUID.randomUUID()), cpu));
                    System.out.printf("round %d %-8s outbox rows not yet sent to Kafka after the submits: %d%n", round, t.label,
                            t.outboxBacklog(stack));
                }
            }
            printRounds(figures);
            printSummary(figures, targets, baseline != null);
            printCpu(figures, targets);
            String ttl = System.getenv().getOrDefault("REALSKIN_JOBS_READ_CACHE_TTL", "250ms (default)");
            System.out.printf("%nwrk: 2 threads; reads %d connections, submits %d connections, %d s each; read cache TTL %s; %d round(s)%n",
                    connections, submitConnections, seconds, ttl, rounds);
            Target current = targets.get(0);
            System.out.printf("Targets (current): reads >= 3000 req/s with p99 < 50 ms: %s; submits >= 800/s with p99 <= 50 ms: %s%n",
                    met(figures, "current", "GET /v1/jobs/{id}", 3000, 50, false),
                    met(figures, "current", "POST /v1/jobs", 800, 50, true));
            current.revocationTiming(stack, adminKey);
        }
    }

    /** One build's billing and gateway on the shared stack, with its own databases, a bench key, an image and a job to read. */
    static final class Target {
        final String label;
        final Path root;
        String base;
        String key;
        String image;
        String job;
        long gatewayPid;
        long billingPid;
        private String gatewayDb;

        private Target(String label, Path root) {
            this.label = label;
            this.root = root;
        }

        static Target start(LocalStack stack, LocalDeployment deployment, String label, Path root, String dbSuffix) throws Exception {
            Target t = new Target(label, root);
            t.gatewayDb = RealSkinService.GATEWAY.database() + dbSuffix;
            int billingPort = FreePorts.any();
            Map<String, String> billingEnv = new LinkedHashMap<>(deployment.environment(RealSkinService.BILLING));
            billingEnv.putAll(stack.serviceEnvironment(RealSkinService.BILLING.database() + dbSuffix));
            billingEnv.put("MP_MESSAGING_INCOMING_JOB_EVENTS_GROUP_ID", "billing" + dbSuffix);
            int billingManagement = FreePorts.any();
            t.billingPid = jvm(stack, root, label, RealSkinService.BILLING, billingPort, billingManagement, billingEnv);

            int gatewayPort = FreePorts.any();
            Map<String, String> gatewayEnv = new LinkedHashMap<>(deployment.environment(RealSkinService.GATEWAY));
            gatewayEnv.putAll(stack.serviceEnvironment(t.gatewayDb));
            gatewayEnv.put("MP_MESSAGING_INCOMING_JOB_EVENTS_GROUP_ID", "gateway" + dbSuffix);
            gatewayEnv.put("QUARKUS_REST_CLIENT_BILLING_URL", "http://127.0.0.1:" + billingPort);
            // Room for every job in flight: the drainer below keeps the real count near production sizes.
            for (String plan : List.of("FREE", "PRO", "CREATOR", "ULTIMATE")) {
                gatewayEnv.put("REALSKIN_JOBS_MAX_UNFINISHED_" + plan, "100000");
            }
            gatewayEnv.put("REALSKIN_JOBS_DEFAULT_MAX_UNFINISHED", "100000");
            int gatewayManagement = FreePorts.any();
            t.gatewayPid = jvm(stack, root, label, RealSkinService.GATEWAY, gatewayPort, gatewayManagement, gatewayEnv);
            awaitUp("http://127.0.0.1:" + billingManagement + "/q/health/ready");
            awaitUp("http://127.0.0.1:" + gatewayManagement + "/q/health/ready");

            t.base = "http://127.0.0.1:" + gatewayPort;
            String adminKey = deployment.adminKey();
            t.key = field(post(t.base + "/v1/admin/api-keys", adminKey, "application/json",
                    "{\"tenantId\":\"" + TENANT + "\",\"name\":\"bench\",\"scopes\":[\"jobs:read\",\"jobs:write\"],\"rateLimitPerMinute\":10000000}"), "key");
            // A partner: the top plan (opens the billing account), and credits that do not run out during the run.
            put(t.base + "/v1/admin/tenants/" + TENANT + "/plan", adminKey, "{\"plan\":\"ultimate\"}");
            post(t.base + "/v1/admin/tenants/" + TENANT + "/grants", adminKey, "application/json",
                    "{\"amount\":1000000000,\"reason\":\"bench\",\"idempotencyKey\":\"bench-credits\"}");
            byte[] jpeg = Files.readAllBytes(root.resolve("system-tests/src/test/resources/fixtures/portrait.jpg"));
            t.image = field(post(t.base + "/v1/images", t.key, "image/jpeg", jpeg), "id");
            t.job = field(post(t.base + "/v1/jobs", t.key, "application/json",
                    "{\"type\":\"texture-restore\",\"imageId\":\"" + t.image + "\"}"), "id");
            t.startDrainer(stack);
            return t;
        }

        /** Production flags (G1, both JIT tiers), not the local stack's small-footprint ones. Returns the process id. */
        private static long jvm(LocalStack stack, Path root, String label, RealSkinService service, int port, int management,
                                Map<String, String> env) throws Exception {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xmx" + service.maxHeap(), "-XX:+UseG1GC"));
            command.addAll(List.of("-jar", service.appJar(root).toString()));
            Path log = Files.createDirectories(stack.home().resolve("logs")).resolve(label + "-" + service.module() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
            Process process = builder.start();
            stack.closeBefore(() -> {
                process.destroy();
                process.waitFor();
            });
            return process.pid();
        }

        /** Marks the bench's queued analyze jobs completed every 100 ms, as workers would. */
        private void startDrainer(LocalStack stack) {
            Thread drainer = new Thread(() -> {
                try (java.sql.Connection db = stack.postgres().connect(gatewayDb);
                     java.sql.PreparedStatement finish = db.prepareStatement("update jobs set status = 'completed', progress = 100, "
                             + "finished_at = now(), updated_at = now() where status = 'queued' and type = 'analyze'")) {
                    while (true) {
                        finish.executeUpdate();
                        Thread.sleep(100);
                    }
                } catch (Exception e) {
                    // the stack is going down
                }
            }, label + "-drainer");
            drainer.setDaemon(true);
            drainer.start();
        }

        /** Outbox rows the relay has not published yet: how far Kafka publishing lags behind the submits. */
        long outboxBacklog(LocalStack stack) throws Exception {
            try (java.sql.Connection db = stack.postgres().connect(gatewayDb);
                 java.sql.ResultSet rows = db.createStatement().executeQuery("select count(*) from outbox where published_at is null")) {
                rows.next();
                return rows.getLong(1);
            }
        }

        void warmUp(int connections, int submitConnections, Path lua) throws Exception {
            run(wrk(connections, 5, base + "/ping"));
            run(wrk(connections, 5, "-H", "Authorization: Bearer " + key, base + "/v1/jobs/" + job));
            int submitWarmUp = Integer.parseInt(System.getenv().getOrDefault("REALSKIN_BENCH_SUBMIT_WARMUP", "10"));
            run(wrk(submitConnections, submitWarmUp, "-s", lua.toString(), base, "--", key, image, "warm-" + UUID.randomUUID()));
        }

        Figure measure(String scenario, int round, String[] command) throws Exception {
            return measure(scenario, round, command, null);
        }

        /** With a meter, also the CPU time each process of the stack (and wrk) spent during the run, per request. */
        Figure measure(String scenario, int round, String[] command, CpuMeter cpu) throws Exception {
            double load = loadAverage();
            Map<String, Long> before = cpu == null ? null : cpu.ticks(this);
            String recording = cpu == null ? null : startRecordings(round);
            String out = cpu == null ? run(command) : run(CpuMeter.timed(command));
            stopRecordings(recording);
            if (!out.contains("Requests/sec")) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            String non2xx = out.contains("Non-2xx") ? match(out, "Non-2xx or 3xx responses:\\s+(\\d+)") : "0";
            long requests = Long.parseLong(match(out, "(\\d+) requests in"));
            Map<String, Double> perRequest = cpu == null ? Map.of() : cpu.perRequest(before, cpu.ticks(this), out, requests);
            Figure f = new Figure(label, scenario, round, Double.parseDouble(match(out, "Requests/sec:\\s+([0-9.]+)")),
                    match(out, "\\s50%\\s+([0-9.]+\\w+)"), match(out, "\\s99%\\s+([0-9.]+\\w+)"), Long.parseLong(non2xx), load,
                    perRequest);
            System.out.printf("round %d %-8s %-20s %10.0f req/s  p99 %-9s (load %.2f)%n", round, label, scenario, f.rps(), f.p99(), load);
            if (!perRequest.isEmpty()) {
                System.out.printf("        CPU ms per request: %s%n", perRequest.entrySet().stream()
                        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).collect(java.util.stream.Collectors.joining(", ")));
            }
            return f;
        }

        /** With REALSKIN_BENCH_JFR=dir: gateway and billing record a JFR profile during the run (the hot path alone). */
        private String startRecordings(int round) throws Exception {
            String dir = System.getenv("REALSKIN_BENCH_JFR");
            if (dir == null) {
                return null;
            }
            String name = "submit-r" + round;
            for (long pid : new long[] {gatewayPid, billingPid}) {
                run(new String[] {"jcmd", String.valueOf(pid), "JFR.start", "name=" + name, "settings=profile"});
            }
            return name;
        }

        private void stopRecordings(String name) throws Exception {
            if (name == null) {
                return;
            }
            Path dir = Files.createDirectories(Path.of(System.getenv("REALSKIN_BENCH_JFR")).toAbsolutePath());
            for (String service : List.of("gateway", "billing")) {
                long pid = service.equals("gateway") ? gatewayPid : billingPid;
                run(new String[] {"jcmd", String.valueOf(pid), "JFR.stop", "name=" + name,
                        "filename=" + dir.resolve(label + "-" + service + "-" + name + ".jfr")});
            }
        }

        /**
         * How late a revocation takes effect, side by side: through this replica's API (evicted at once) and made by
         * another replica (straight in the database: this one learns it when its cached copy expires).
         */
        void revocationTiming(LocalStack stack, String adminKey) throws Exception {
            String ttl = System.getenv().getOrDefault("REALSKIN_AUTH_CACHE_TTL", "2s (default)");
            String[] here = keyFor(adminKey);
            get(base + "/v1/jobs/" + job, here[1]); // cached
            long start = System.nanoTime();
            delete(base + "/v1/admin/api-keys/" + here[0], adminKey);
            double localMs = msUntil401(base + "/v1/jobs/" + job, here[1], start);
            String[] elsewhere = keyFor(adminKey);
            get(base + "/v1/jobs/" + job, elsewhere[1]); // cached
            try (java.sql.Connection db = stack.postgres().connect(gatewayDb);
                 java.sql.PreparedStatement revoke = db.prepareStatement("update api_keys set revoked_at = now() where id = ?")) {
                revoke.setString(1, elsewhere[0]);
                start = System.nanoTime();
                revoke.executeUpdate();
            }
            double remoteMs = msUntil401(base + "/v1/jobs/" + job, elsewhere[1], start);
            System.out.printf("%nrevocation through this replica's API: 401 after %.0f ms%n", localMs);
            System.out.printf("revocation by another replica (in the database): 401 after %.0f ms (auth cache TTL %s)%n", remoteMs, ttl);
        }

        /** A fresh key of the bench tenant that may read jobs: {id, key}. */
        private String[] keyFor(String adminKey) throws Exception {
            String created = post(base + "/v1/admin/api-keys", adminKey, "application/json",
                    "{\"tenantId\":\"" + TENANT + "\",\"scopes\":[\"jobs:read\"],\"rateLimitPerMinute\":10000000}");
            return new String[] {field(created, "id"), field(created, "key")};
        }
    }

    /**
     * CPU time (user + system) per process during one wrk run, from /proc in clock ticks of 10 ms: the measured build's
     * gateway and billing, PostgreSQL (the postmaster and its backends), the Kafka broker, this JVM (the drainers), wrk
     * (its own rusage, printed by the shell's times), and the rest of the machine (/proc/stat's busy time less all of
     * these: other builds, CI). Divided by the requests of the run: what one request costs in each.
     */
    static final class CpuMeter {
        static final List<String> PARTS = List.of("gateway", "gateway JIT", "billing", "billing JIT", "postgres", "kafka", "wrk", "bench",
                "other", "machine");
        private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s\\s*$");
        private final long kafkaPid;
        private final long postmasterPid;

        private CpuMeter(long kafkaPid, long postmasterPid) {
            this.kafkaPid = kafkaPid;
            this.postmasterPid = postmasterPid;
        }

        static CpuMeter of(LocalStack stack) throws Exception {
            Path pidFile = stack.home().resolve("postgres/postmaster.pid");
            long postmaster = Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).trim()) : -1;
            return new CpuMeter(stack.ownsKafka() ? stack.broker().pid() : -1, postmaster);
        }

        /** The command run by bash, followed by bash's times: its children's (wrk's) user and system time last. */
        static String[] timed(String[] command) {
            List<String> wrapped = new ArrayList<>(List.of("bash", "-c", "\"$@\"; times", "bash"));
            wrapped.addAll(List.of(command));
            return wrapped.toArray(String[]::new);
        }

        Map<String, Long> ticks(Target target) throws Exception {
            Map<String, Long> t = new LinkedHashMap<>();
            t.put("gateway", ticks(target.gatewayPid));
            t.put("billing", ticks(target.billingPid));
            t.put("gateway JIT", compilerTicks(target.gatewayPid));
            t.put("billing JIT", compilerTicks(target.billingPid));
            long postgres = ticks(postmasterPid);
            if (postmasterPid > 0) {
                for (ProcessHandle backend : ProcessHandle.of(postmasterPid).map(h -> h.descendants().toList()).orElse(List.of())) {
                    postgres += ticks(backend.pid());
                }
            }
            t.put("postgres", postgres);
            t.put("kafka", ticks(kafkaPid));
            t.put("bench", ticks(ProcessHandle.current().pid()));
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
                busy += Long.parseLong(cpu[i]);
            }
            t.put("machine", busy);
            return t;
        }

        Map<String, Double> perRequest(Map<String, Long> before, Map<String, Long> after, String wrkOutput, long requests) {
            Map<String, Double> ms = new LinkedHashMap<>();
            double known = 0;
            for (String part : List.of("gateway", "billing", "postgres", "kafka", "bench")) {
                double spent = (after.get(part) - before.get(part)) * 10.0;
                ms.put(part, spent / requests);
                known += spent;
            }
            for (String part : List.of("gateway JIT", "billing JIT")) { // already in the process's figure
                ms.put(part, (after.get(part) - before.get(part)) * 10.0 / requests);
            }
            Matcher times = TIMES.matcher(wrkOutput);
            double wrk = times.find() ? (Long.parseLong(times.group(1)) * 60 + Double.parseDouble(times.group(2))
                    + Long.parseLong(times.group(3)) * 60 + Double.parseDouble(times.group(4))) * 1000 : Double.NaN;
            ms.put("wrk", wrk / requests);
            double machine = (after.get("machine") - before.get("machine")) * 10.0;
            ms.put("other", (machine - known - wrk) / requests);
            ms.put("machine", machine / requests);
            return ms;
        }

        /** The JIT compiler threads' share of a JVM: high while the code of the measured path is still being compiled. */
        private static long compilerTicks(long pid) {
            long sum = 0;
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        if (stat.contains("CompilerThre")) {
                            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            sum += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        }
                    } catch (Exception e) {
                        // the thread ended
                    }
                }
            } catch (Exception e) {
                return 0;
            }
            return sum;
        }

        private static long ticks(long pid) {
            if (pid <= 0) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (Exception e) {
                return 0; // gone
            }
        }
    }

    /** Median per process of the submit rounds' CPU per request, for each build. */
    private static void printCpu(List<Figure> figures, List<Target> targets) {
        System.out.printf("%nCPU ms per submit (median of rounds; JIT = the process's compiler threads, part of its figure; machine = all"
                + " busy CPU, other = machine less the rest)%n%-8s", "build");
        CpuMeter.PARTS.forEach(p -> System.out.printf(" %11s", p));
        System.out.println();
        for (Target t : targets) {
            List<Figure> fs = of(figures, t.label, "POST /v1/jobs");
            System.out.printf("%-8s", t.label);
            for (String part : CpuMeter.PARTS) {
                System.out.printf(" %11.2f", median(fs.stream().map(f -> f.cpuMsPerRequest().getOrDefault(part, Double.NaN)).toList()));
            }
            System.out.println();
        }
    }

    private static void printRounds(List<Figure> figures) {
        System.out.printf("%n%-5s %-8s %-20s %10s %9s %9s %8s %6s%n", "round", "build", "endpoint", "req/s", "p50", "p99", "non-2xx", "load");
        for (Figure f : figures) {
            System.out.printf("%-5d %-8s %-20s %10.0f %9s %9s %8d %6.2f%n", f.round(), f.build(), f.scenario(), f.rps(), f.p50(), f.p99(),
                    f.non2xx(), f.load());
        }
    }

    /** Medians over the rounds; with a baseline, current/baseline of those medians (above 1 is faster, or a longer p99). */
    private static void printSummary(List<Figure> figures, List<Target> targets, boolean withBaseline) {
        System.out.printf("%nmedian of rounds%n%-8s %-20s %10s %10s %12s%n", "build", "endpoint", "req/s", "p99 ms", "load (mean)");
        for (Target t : targets) {
            for (String scenario : scenarios(figures)) {
                List<Figure> fs = of(figures, t.label, scenario);
                System.out.printf("%-8s %-20s %10.0f %10.2f %12.2f%n", t.label, scenario, median(fs.stream().map(Figure::rps).toList()),
                        median(fs.stream().map(Figure::p99Millis).toList()), fs.stream().mapToDouble(Figure::load).average().orElse(0));
            }
        }
        if (!withBaseline) {
            return;
        }
        System.out.printf("%ncurrent / baseline%n%-20s %12s %12s%n", "endpoint", "req/s ratio", "p99 ratio");
        for (String scenario : scenarios(figures)) {
            List<Figure> cur = of(figures, "current", scenario);
            List<Figure> base = of(figures, "baseline", scenario);
            System.out.printf("%-20s %12.2f %12.2f%n", scenario,
                    median(cur.stream().map(Figure::rps).toList()) / median(base.stream().map(Figure::rps).toList()),
                    median(cur.stream().map(Figure::p99Millis).toList()) / median(base.stream().map(Figure::p99Millis).toList()));
        }
    }

    private static String met(List<Figure> figures, String build, String scenario, double rps, double p99, boolean inclusive) {
        List<Figure> fs = of(figures, build, scenario);
        double r = median(fs.stream().map(Figure::rps).toList());
        double p = median(fs.stream().map(Figure::p99Millis).toList());
        boolean errors = fs.stream().anyMatch(f -> f.non2xx() > 0);
        return r >= rps && (inclusive ? p <= p99 : p < p99) && !errors ? "MET" : "NOT MET";
    }

    private static List<String> scenarios(List<Figure> figures) {
        return figures.stream().map(Figure::scenario).distinct().toList();
    }

    private static List<Figure> of(List<Figure> figures, String build, String scenario) {
        return figures.stream().filter(f -> f.build().equals(build) && f.scenario().equals(scenario)).toList();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double loadAverage() throws Exception {
        return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static String[] wrk(int connections, int seconds, String... rest) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency"));
        command.addAll(List.of(rest));
        return command.toArray(String[]::new);
    }

    private static double msUntil401(String url, String key, long startNanos) throws Exception {
        while (HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() != 401) {
            Thread.sleep(5);
        }
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static String get(String url, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void delete(String url, String key) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static void awaitUp(String url) throws Exception {
        long deadline = System.nanoTime() + LocalDeployment.READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(url + " not up");
    }

    private static double millis(String value) {
        double n = Double.parseDouble(value.replaceAll("[a-z]+$", ""));
        return value.endsWith("us") ? n / 1000 : value.endsWith("ms") ? n : value.endsWith("m") ? n * 60_000 : n * 1000;
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    private static String run(String[] command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static String post(String url, String key, String type, Object body) throws Exception {
        HttpRequest.BodyPublisher publisher = body instanceof byte[] b ? HttpRequest.BodyPublishers.ofByteArray(b)
                : HttpRequest.BodyPublishers.ofString((String) body);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", type).POST(publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void put(String url, String key, String json) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static String field(String json, String name) {
        return match(json, "\"" + name + "\"\\s*:\\s*\"([^\"]+)\"");
    }
}
