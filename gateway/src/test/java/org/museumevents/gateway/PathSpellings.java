package org.museumevents.gateway;

import java.util.Random;

/**
 * Other spellings of a path that a server may resolve to the same one: characters percent-encoded
 * (either case of hex), path parameters, repeated slashes, {@code .} and {@code x/..} segments
 * (plain or encoded) and trailing slashes.
 */
public final class PathSpellings {

    private PathSpellings() {}

    public static String spell(String path, Random random) {
        StringBuilder spelled = new StringBuilder();
        String[] segments = path.substring(1).split("/");
        for (String segment : segments) {
            spelled.append(random.nextInt(6) == 0 ? "//" : "/");
            if (random.nextInt(5) == 0) {
                spelled.append(pick(random, ".", "%2e", "%2E")).append('/');
            }
            if (random.nextInt(5) == 0) {
                spelled.append("x").append(pick(random, "/../", "/%2e%2e/", "/.%2E/", "/%2E./"));
            }
            for (char c : segment.toCharArray()) {
                spelled.append(random.nextInt(4) == 0 ? encode(c, random) : String.valueOf(c));
            }
            if (random.nextInt(6) == 0) {
                spelled.append(pick(random, ";jsessionid=1", ";a=b", ";"));
            }
        }
        if (random.nextInt(5) == 0) {
            spelled.append(pick(random, "/", "//"));
        }
        return spelled.toString();
    }

    private static String encode(char c, Random random) {
        String hex = String.format("%%%02X", (int) c);
        return random.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT);
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
