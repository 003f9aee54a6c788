package dev.switchboard.api.inference;

import java.util.concurrent.ThreadLocalRandom;

/** Generation ids in OpenRouter's style: {@code gen-<epoch seconds>-<20 random letters and digits>}. */
final class GenerationIds {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private GenerationIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(36).append("gen-").append(System.currentTimeMillis() / 1000).append('-');
        for (int i = 0; i < 20; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
