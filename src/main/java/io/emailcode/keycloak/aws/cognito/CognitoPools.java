package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.aws.AwsCallListener;
import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.keycloak.mirror.PoolAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;

/**
 * The user pools the server's realms mirror into. One Cognito client per region, built the first time a realm's pool
 * is in it and closed with the server (never one per request); a pool is only an id on top of its region's client.
 */
public final class CognitoPools implements AutoCloseable {

    /** The client of the server's own region (its option, else the SDK's region chain). */
    private static final String SERVER_REGION = "";

    private final AwsClientSettings settings;
    private final AwsCallListener calls;
    private final Map<String, CognitoIdentityProviderClient> clients = new ConcurrentHashMap<>();

    public CognitoPools(AwsClientSettings settings, AwsCallListener calls) {
        this.settings = settings;
        this.calls = calls;
    }

    public CognitoUserMirror pool(PoolAddress address) {
        String region = address.region().filter(r -> !settings.region().equals(java.util.Optional.of(r))).orElse(SERVER_REGION);
        CognitoIdentityProviderClient client = clients.computeIfAbsent(region, r -> AwsClients.build(
                CognitoIdentityProviderClient.builder(), r.equals(SERVER_REGION) ? settings : settings.withRegion(r), calls));
        return new CognitoUserMirror(client, address.poolId());
    }

    @Override
    public void close() {
        clients.values().forEach(CognitoIdentityProviderClient::close);
        clients.clear();
    }
}
