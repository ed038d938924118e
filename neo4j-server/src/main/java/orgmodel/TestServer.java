package orgmodel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * A throw-away Neo4j Community server for tests.
 *
 * <pre>
 * java -cp 'target/classes:target/lib/*' orgmodel.TestServer \
 *     --uri-file FILE [--port N] [--password PW | --no-auth] [--max-seconds N]
 * </pre>
 *
 * Bolt listens on 127.0.0.1:PORT (0, the default, lets the operating system
 * choose a free port); the HTTP server is disabled. With a password (the
 * --password argument, else the NEO4J_PASSWORD environment variable) auth is
 * enabled and the user neo4j has that password; with --no-auth, or no password
 * at all, auth is disabled. Once the server answers on Bolt, its URI
 * (bolt://127.0.0.1:PORT) is written to the --uri-file; then the process
 * blocks until it is killed. On SIGTERM/SIGINT a shutdown hook closes the
 * database and deletes its temporary directory. --max-seconds N (0 = never)
 * makes the server stop by itself after N seconds, so that a test run that
 * dies without stopping it leaves no server behind forever.
 */
public final class TestServer {

    private TestServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path uriFile = null;
        int port = 0;
        String password = env.getOrDefault("NEO4J_PASSWORD", "");
        boolean noAuth = false;
        long maxSeconds = 0;
        long pageCacheMb = 64;

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--uri-file" -> uriFile = Paths.get(value(args, ++i, a));
                case "--port" -> port = Integer.parseInt(value(args, ++i, a));
                case "--password" -> password = value(args, ++i, a);
                case "--no-auth" -> noAuth = true;
                case "--max-seconds" -> maxSeconds = Long.parseLong(value(args, ++i, a));
                case "--page-cache-mb" -> pageCacheMb = Long.parseLong(value(args, ++i, a));
                default -> usage("unknown argument: " + a);
            }
        }
        if (uriFile == null) {
            usage("--uri-file is required");
        }
        if (port < 0 || port > 65535) {
            usage("--port must be 0..65535");
        }
        boolean auth = !noAuth && !password.isEmpty();
        if (auth && password.length() < 8) {
            // Neo4j 5 rejects shorter passwords (dbms.security.auth_minimum_password_length).
            usage("the password must have at least 8 characters");
        }

        Path workDir = Files.createTempDirectory("neo4j-test-server-");
        long t0 = System.nanoTime();
        Neo4j neo4j;
        try {
            neo4j = Neo4jBuilders.newInProcessBuilder(workDir)
                    .withDisabledServer() // no HTTP/HTTPS, Bolt only
                    .withConfig(BoltConnector.enabled, true)
                    .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .withConfig(GraphDatabaseSettings.auth_enabled, auth)
                    .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                    // No usage report to neo4j.com (and no network use at all).
                    .withConfig(GraphDatabaseSettings.udc_enabled, false)
                    // Small, short-lived stores: no preallocated 250 MB transaction logs.
                    .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    // Bolt's default 5 s Netty quiet period, paid twice, made every stop take
                    // 10 s; a test server does not need that grace.
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout,
                            Duration.ofSeconds(5))
                    .build();
        } catch (Throwable e) {
            deleteRecursively(workDir);
            throw e;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long s0 = System.nanoTime();
            try {
                neo4j.close();
            } catch (Throwable e) {
                System.err.println("TestServer: error while closing Neo4j: " + e);
            } finally {
                deleteRecursively(workDir);
                System.out.printf("TestServer: stopped in %.1f s%n", (System.nanoTime() - s0) / 1e9);
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-test-server-shutdown"));

        if (auth) {
            // The built-in user neo4j starts with password "neo4j" and must change it;
            // the embedded API bypasses auth, so set the real password here.
            GraphDatabaseService system = neo4j.databaseManagementService().database("system");
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        }
        // The default database answers a query ...
        neo4j.defaultDatabaseService().executeTransactionally("RETURN 1");

        // ... and Bolt accepts connections on 127.0.0.1.
        URI bolt = neo4j.boltURI();
        int boltPort = bolt.getPort();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", boltPort), 5000);
        }
        String uri = "bolt://127.0.0.1:" + boltPort;

        System.out.printf("TestServer: Neo4j %s ready at %s (auth %s) in %.1f s%n",
                neo4jVersion(neo4j), uri, auth ? "enabled, user neo4j" : "disabled",
                (System.nanoTime() - t0) / 1e9);
        System.out.flush();
        // Written last and atomically: whoever sees the file may connect.
        Path tmp = uriFile.resolveSibling(uriFile.getFileName() + ".tmp");
        Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, uriFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        if (maxSeconds > 0) {
            if (!stopped.await(maxSeconds, TimeUnit.SECONDS)) {
                System.out.println("TestServer: --max-seconds " + maxSeconds + " reached, stopping");
                System.exit(0); // runs the shutdown hook
            }
        } else {
            stopped.await();
        }
    }

    private static String neo4jVersion(Neo4j neo4j) {
        try {
            return neo4j.defaultDatabaseService().executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                    Map.of(), r -> String.valueOf(r.next().get("v")));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static String value(String[] args, int i, String name) {
        if (i >= args.length) {
            usage(name + " needs a value");
        }
        return args[i];
    }

    private static void usage(String message) {
        System.err.println("TestServer: " + message);
        System.err.println("usage: TestServer --uri-file FILE [--port N] [--password PW | --no-auth]"
                + " [--max-seconds N] [--page-cache-mb N]");
        System.exit(2);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
