package io.emailcode.keycloak.code;

import java.security.SecureRandom;

/** Generates codes from a {@link SecureRandom}; each symbol is drawn uniformly (no modulo bias). */
public final class CodeGenerator {

    private final SecureRandom random;

    public CodeGenerator(SecureRandom random) {
        this.random = random;
    }

    public String generate(CodeAlphabet alphabet, int length) {
        String symbols = alphabet.symbols();
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(symbols.charAt(random.nextInt(symbols.length())));
        }
        return code.toString();
    }
}
