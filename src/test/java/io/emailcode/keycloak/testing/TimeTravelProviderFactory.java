package io.emailcode.keycloak.testing;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * For the system tests only, in a JAR of its own that only the tests' Keycloak loads (never the product JAR, never
 * the run command's server): moves Keycloak's clock, the way Keycloak's own test suite does, so expiry, cooldowns,
 * windows and locks are tested without waiting. {@code POST /realms/{realm}/email-code-testing/time} with
 * {@code offset-seconds}; {@code GET} returns the offset.
 */
public final class TimeTravelProviderFactory implements RealmResourceProviderFactory, RealmResourceProvider {

    public static final String ID = "email-code-testing";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource() {
        return new TimeResource();
    }

    /** The one resource: Keycloak's time offset. */
    public static final class TimeResource {

        @GET
        @Path("time")
        @Produces(MediaType.TEXT_PLAIN)
        public String offset() {
            return Integer.toString(Time.getOffset());
        }

        @POST
        @Path("time")
        @Produces(MediaType.TEXT_PLAIN)
        public String move(@FormParam("offset-seconds") int offsetSeconds) {
            Time.setOffset(offsetSeconds);
            return Integer.toString(Time.getOffset());
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
