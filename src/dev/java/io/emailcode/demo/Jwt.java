package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A compact JWS split into its parts; nothing here is trusted until {@link TokenVerifier} checked it. */
record Jwt(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Jwt parse(String compact) throws InvalidTokenException {
        if (compact == null) {
            throw new InvalidTokenException("no token");
        }
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a signed JWT");
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(decoder.decode(parts[0]));
            JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                throw new InvalidTokenException("header or claims are not JSON objects");
            }
            byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new Jwt(header, claims, signingInput, decoder.decode(parts[2]));
        } catch (IllegalArgumentException | IOException e) {
            throw new InvalidTokenException("malformed JWT");
        }
    }
}
