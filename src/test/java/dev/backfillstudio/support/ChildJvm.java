package dev.backfillstudio.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts a main class of the test classpath in a second JVM, for locks and kill -9 tests. */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader out;

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        return start(List.of(), main, args);
    }

    /** Starts the child with extra JVM options (a later {@code -Xmx} overrides the default 256 MB heap). */
    public static ChildJvm start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        return start(java.util.Map.of(), jvmOptions, main, args);
    }

    /** Starts the child with extra environment variables (a password a command reads from its environment). */
    public static ChildJvm start(java.util.Map<String, String> env, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException {
        return start(null, env, jvmOptions, main, args);
    }

    /** Starts the child in working folder {@code folder}, as a user starting it from there. */
    public static ChildJvm startIn(java.nio.file.Path folder, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException {
        return start(folder, java.util.Map.of(), jvmOptions, main, args);
    }

    private static ChildJvm start(java.nio.file.Path folder, java.util.Map<String, String> env, List<String> jvmOptions,
            Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        builder.environment().putAll(env);
        if (folder != null) {
            builder.directory(folder.toFile());
        }
        return new ChildJvm(builder.start());
    }

    /** Reads the child's output until a line equal to {@code marker}; fails if it ends first. */
    public void awaitLine(String marker) throws IOException {
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            if (line.equals(marker)) {
                return;
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("child ended before printing " + marker + ":\n" + seen);
    }

    public String readLine() throws IOException {
        return out.readLine();
    }

    public long pid() {
        return process.pid();
    }

    /** kill -9: no shutdown hooks, no cleanup. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
