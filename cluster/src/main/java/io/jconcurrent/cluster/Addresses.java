package io.jconcurrent.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Parsing and checking {@code host:port} addresses. */
final class Addresses {

    private Addresses() {
    }

    /**
     * Splits {@code h:p,h:p,...} into addresses, each checked.
     *
     * @throws IllegalArgumentException naming an address that is not {@code host:port}
     */
    static List<String> parseList(String list) {
        List<String> out = new ArrayList<>();
        for (String a : list.split(",")) {
            String t = a.strip();
            if (!t.isEmpty()) {
                out.add(check(t));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no address given in '" + list + "' (expected host:port,...)");
        }
        return List.copyOf(out);
    }

    /** Checks one {@code host:port}; returns it. */
    static String check(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("address '" + address + "' is not host:port");
        }
        String port = address.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address '" + address + "' has no valid port (1-65535)");
        }
        return address;
    }

    static String host(String address) {
        String h = address.substring(0, address.lastIndexOf(':'));
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** Whether the host is a loopback address (a name that does not resolve is not). */
    static boolean isLoopbackHost(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean allLoopback(List<String> addresses) {
        return addresses.stream().allMatch(a -> isLoopbackHost(host(a)));
    }

    /** A TCP port free on {@code host} right now. */
    static int freePort(String host) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }
}
