package io.jconcurrent.internal.worker;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Kills what is left of a worker's session: every process whose session id is the worker's pid (the
 * worker leads its session, started by {@code setsid}), so that subprocesses a function started do not
 * outlive the worker. The parent does this after a worker ends; a worker that finds its parent gone
 * does it itself before halting. Processes that made their own session are out of reach.
 */
final class SessionCleanup {

    private SessionCleanup() {
    }

    /** SIGKILL to every process in session {@code sid} other than the caller; returns how many. */
    static int killSession(long sid) {
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> targets = new ArrayList<>();
        String[] pids = new java.io.File("/proc").list();
        if (pids == null) {
            return 0; // no /proc: nothing we can find
        }
        byte[] buf = new byte[1024];
        for (String name : pids) {
            if (name.isEmpty() || !Character.isDigit(name.charAt(0))) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(name);
            } catch (NumberFormatException e) {
                continue;
            }
            if (pid != self && sessionOf(name, buf) == sid) {
                ProcessHandle.of(pid).ifPresent(targets::add);
            }
        }
        targets.forEach(ProcessHandle::destroyForcibly);
        return targets.size();
    }

    /** Field 6 of /proc/pid/stat (the session id), or -1 if the process went away. */
    private static long sessionOf(String pid, byte[] buf) {
        int n;
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            n = in.readNBytes(buf, 0, buf.length);
        } catch (IOException e) {
            return -1;
        }
        String stat = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        // After "pid (comm) ": state ppid pgrp session ...
        String[] f = stat.substring(close + 2).split(" ", 5);
        try {
            return f.length > 3 ? Long.parseLong(f[3]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
