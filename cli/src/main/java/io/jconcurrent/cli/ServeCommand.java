package io.jconcurrent.cli;

import io.jconcurrent.cluster.ClusterMember;
import io.jconcurrent.cluster.ClusterSecret;
import io.jconcurrent.cluster.MemberSettings;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code jconcurrent --serve}: runs this machine as a cluster member until SIGINT or SIGTERM, when it
 * leaves the cluster in order (its running tasks are stopped and run again elsewhere). Only this class
 * and the cluster module load Hazelcast; a local run never reaches here.
 */
final class ServeCommand {

    static final String SERVE = "--serve";

    private ServeCommand() {
    }

    /** Whether the command line asks for a member: {@code --serve} among the options before the command. */
    static boolean requested(String[] args) {
        for (String a : args) {
            if (a.equals(SERVE)) {
                return true;
            }
            if (a.equals("--") || a.equals(JconcurrentCommand.ARGS_SEPARATOR)
                    || a.equals(JconcurrentCommand.FILE_SEPARATOR)) {
                return false;
            }
        }
        return false;
    }

    static Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("serve").desc("Run as a cluster member until stopped "
                        + "(SIGINT or SIGTERM).").get())
                .addOption(valued("bind", "ADDRESS", "The only address to listen on. Default: 127.0.0.1."))
                .addOption(valued("port", "P", "The TCP port to listen on; 0 = any free one. Default: 5701."))
                .addOption(valued("join", "HOST:PORT,...", "Other members to join (TCP; no multicast)."))
                .addOption(Option.builder("j").longOpt("jobs").hasArg().argName("N").desc("Run at most N tasks "
                        + "at once, over all batches. Default: the number of CPU cores.").get())
                .addOption(valued("classpath", "JAR", "A jar (or directory) with the function classes tasks "
                        + "name; bin/jconcurrent puts it on the member's class path."))
                .addOption(valued("secret-file", "FILE", "The cluster's shared secret (at least 16 bytes, "
                        + "readable by its owner only); required unless every address is loopback."))
                .addOption(valued("cluster-name", "NAME", "The cluster's name. Default: jconcurrent."))
                .addOption(Option.builder().longOpt("accept-class").hasArgs().argName("PATTERN").desc("Also "
                        + "deserialize these classes in function args and keys (java.io.ObjectInputFilter patterns, for "
                        + "example com.example.*); repeatable.").get())
                .addOption(Option.builder("h").longOpt("help").desc("Show this help and exit.").get());
    }

    private static Option valued(String longName, String label, String description) {
        return Option.builder().longOpt(longName).hasArg().argName(label).desc(description).get();
    }

    /** Parses the member's options; they are checked before anything starts. */
    static MemberSettings settings(String[] args) throws UsageException {
        CommandLine cl;
        try {
            cl = DefaultParser.builder().setAllowPartialMatching(false).get().parse(options(), args, false);
        } catch (ParseException e) {
            throw new UsageException(e.getMessage());
        }
        if (!cl.getArgList().isEmpty()) {
            throw new UsageException("--serve takes no command or tasks (it runs what submitters send), got "
                    + cl.getArgList().getFirst());
        }
        try {
            MemberSettings s = MemberSettings.loopback(MemberSettings.DEFAULT_PORT);
            if (cl.hasOption("bind")) {
                s = s.withBindAddress(cl.getOptionValue("bind"));
            }
            if (cl.hasOption("port")) {
                s = s.withPort(number(cl.getOptionValue("port"), "--port"));
            }
            if (cl.hasOption("jobs")) {
                s = s.withWorkers(number(cl.getOptionValue("jobs"), "-j/--jobs"));
            }
            if (cl.hasOption("cluster-name")) {
                s = s.withClusterName(cl.getOptionValue("cluster-name"));
            }
            if (cl.hasOption("accept-class")) {
                s = s.withAcceptClasses(Arrays.asList(cl.getOptionValues("accept-class")));
            }
            if (cl.hasOption("classpath")) {
                checkOnClassPath(cl.getOptionValue("classpath"));
            }
            ClusterSecret secret = cl.hasOption("secret-file")
                    ? ClusterSecret.fromFile(Path.of(cl.getOptionValue("secret-file"))) : ClusterSecret.none();
            List<String> join = cl.hasOption("join") ? ClusterOptions.addresses(cl.getOptionValue("join")) : List.of();
            return s.withJoin(join).withSecret(secret);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * Runs a member until SIGINT or SIGTERM.
     *
     * @return the exit status: 2 for a usage error, 255 if the member could not start (after SIGINT or
     *         SIGTERM the JVM exits with 130 or 143, once the member has left the cluster in order)
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            HelpFormatter.builder().get().printHelp("jconcurrent --serve [OPTIONS]", options());
            return ExitCode.OK.status();
        }
        MemberSettings settings;
        try {
            settings = settings(args);
        } catch (UsageException e) {
            err.println("jconcurrent: " + e.getMessage());
            err.println("Try 'jconcurrent --serve --help' for more information.");
            return ExitCode.USAGE.status();
        }
        ClusterMember member;
        try {
            member = ClusterMember.start(settings);
        } catch (RuntimeException e) {
            err.println("jconcurrent: " + e.getMessage());
            return ExitCode.ERROR.status();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(member::close, "jconcurrent-member-stop"));
        err.println("jconcurrent: member " + member.address() + " of cluster '" + settings.clusterName() + "' ("
                + member.clusterSize() + " member(s)), running up to " + settings.workers() + " task(s) at once");
        err.flush();
        try {
            member.awaitShutdown();
        } catch (InterruptedException e) {
            member.close();
        }
        return ExitCode.OK.status();
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value for " + option + ": '" + v + "': not a whole number");
        }
    }

    /** The jar must exist and be on this JVM's class path (bin/jconcurrent puts it there). */
    private static void checkOnClassPath(String jar) {
        Path p = Path.of(jar);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("--classpath " + jar + " does not exist");
        }
        String cp = System.getProperty("java.class.path", "");
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize())) {
                return;
            }
        }
        throw new IllegalArgumentException("--classpath " + jar + " is not on this JVM's class path: start the member"
                + " with bin/jconcurrent, which puts it there");
    }
}
