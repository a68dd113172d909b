package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A token endpoint answer, with the ID token's verified claims. */
record TokenSet(String accessToken, String idToken, String refreshToken, Instant accessTokenExpiresAt,
                JsonNode idClaims) {

    static TokenSet of(JsonNode response, JsonNode idClaims, Instant now) {
        return new TokenSet(response.path("access_token").asText(), response.path("id_token").asText(),
                response.path("refresh_token").asText(null),
                now.plusSeconds(response.path("expires_in").asLong()), idClaims);
    }
}
