package io.emailcode.keycloak.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * The provider in the official Keycloak image next to the official DynamoDB Local image, for people with Docker.
 * Without a Docker engine the class is skipped; the process-based system tests cover the same ground everywhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakContainerIT {

    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final GenericContainer<?> DYNAMODB = new GenericContainer<>("amazon/dynamodb-local:2.6.1")
            .withNetwork(NETWORK).withNetworkAliases("dynamodb")
            .withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-disableTelemetry")
            .withExposedPorts(8000);

    @Container
    static final KeycloakContainer KEYCLOAK = new KeycloakContainer("quay.io/keycloak/keycloak:" + System.getProperty("stack.keycloakVersion"))
            .dependsOn(DYNAMODB)
            .withNetwork(NETWORK)
            .withProviderLibsFrom(List.of(new File(System.getProperty("stack.providerJar"))))
            .withCopyFileToContainer(MountableFile.forHostPath(Path.of(System.getProperty("stack.projectDir"), "realm-export", "demo-realm.json")),
                    "/opt/keycloak/data/import/demo-realm.json")
            .withEnv("AWS_ACCESS_KEY_ID", "local").withEnv("AWS_SECRET_ACCESS_KEY", "local").withEnv("AWS_REGION", "us-east-1")
            .withCustomCommand("--import-realm --spi-email-sender--provider=ses --spi-email-sender--ses--endpoint=http://127.0.0.1:9 "
                    + "--spi-email-code-store--dynamodb--endpoint=http://dynamodb:8000 --spi-email-code-store--dynamodb--create-table=true")
            .withStartupTimeout(Duration.ofMinutes(5));

    @Test
    void unknownAddressReachesTheCodePageInTheOfficialImage() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        URI base = URI.create(KEYCLOAK.getAuthServerUrl());
        String login = http.send(HttpRequest.newBuilder(base.resolve("/realms/demo/protocol/openid-connect/auth?client_id=demo-app"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8090%2Fcallback&response_type=code&scope=openid"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(login);
        assertTrue(action.find(), login);
        HttpResponse<String> codePage = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode("nobody@example.com", StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, codePage.statusCode());
        assertTrue(codePage.body().contains("autocomplete=\"one-time-code\""), codePage.body());
    }
}
