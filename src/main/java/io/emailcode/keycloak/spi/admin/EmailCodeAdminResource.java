package io.emailcode.keycloak.spi.admin;

import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.settings.Parsed;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.StepOptions;
import io.emailcode.keycloak.spi.mirror.RequestedDriftRepair;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import io.emailcode.keycloak.spi.mirror.RepairEvents;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import io.emailcode.keycloak.spi.realm.StepInFlows;
import io.emailcode.keycloak.spi.store.AddressLookup;
import io.emailcode.keycloak.spi.store.AddressForgetting;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/email-code}: the realm-level settings (read with view-realm, changed with
 * manage-realm, validated before anything is stored, each change an admin event), the Cognito mirror's full
 * reconciliation (manage-users), and one address's limits for support staff (viewed with view-users, lifted with
 * manage-users).
 */
public final class EmailCodeAdminResource {

    /** The admin event's resource type for a change of these settings. */
    static final String SETTINGS_RESOURCE = "EMAIL_CODE_SETTINGS";
    /** The admin event's resource type for an address's limits lifted by an administrator. */
    static final String LIMITS_RESOURCE = "EMAIL_CODE_LIMITS";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final MirrorProvider mirror;

    EmailCodeAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                           AdminEventBuilder adminEvent, MirrorProvider mirror) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.mirror = mirror;
    }

    @GET
    @Path("settings")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> settings() {
        auth.realm().requireViewRealm();
        return view();
    }

    /**
     * Changes the given settings only; a blank value (or null) restores a setting's default. Values are text as
     * the GET returns them; a list may also be a JSON array.
     */
    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(Map<String, Object> changes) {
        auth.realm().requireManageRealm();
        Map<String, String> values = new LinkedHashMap<>();
        (changes == null ? Map.<String, Object>of() : changes).forEach((key, value) -> values.put(key, text(value)));
        List<String> problems = RealmSettingsStore.update(realm, values);
        if (!problems.isEmpty()) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("errors", problems)).build();
        }
        adminEvent.operation(org.keycloak.events.admin.OperationType.UPDATE).resource(SETTINGS_RESOURCE)
                .resourcePath(session.getContext().getUri()).representation(values).success();
        return Response.ok(view()).build();
    }

    @POST
    @Path("cognito-mirror/reconcile")
    @Produces(MediaType.APPLICATION_JSON)
    public Response reconcile() {
        return startDriftRepair();
    }

    /**
     * Lifts an address's failure cap and locks, its cooldown and this hour's budget, in every lane, and removes its
     * live code: for a person a stranger kept out. The address goes in the body, never in the path (access logs).
     */
    @POST
    @Path("limits/reset")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response resetLimits(Map<String, Object> body) {
        auth.users().requireManage();
        return forAddress(body, address -> {
            AddressForgetting.reset(session, realm, address);
            adminEvent.operation(org.keycloak.events.admin.OperationType.ACTION).resource(LIMITS_RESOURCE)
                    .resourcePath(session.getContext().getUri())
                    .detail("email_masked", EmailAddresses.mask(address)).success();
            return Response.noContent().build();
        });
    }

    /**
     * What the product holds about an address (view-users): per lane its failures, lock and this hour's sends
     * against its budgets, and when its known browsers were last revoked; never a code. Looking changes nothing, so
     * it makes no admin event. An address without an account answers in the same shape: the answer never says
     * whether one exists. The address goes in the body, never in the path (access logs).
     */
    @POST
    @Path("limits/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response lookUpLimits(Map<String, Object> body) {
        auth.users().requireView();
        return forAddress(body, address -> {
            AddressStanding standing = AddressLookup.standing(session, realm, address);
            int sendsPerHour = StepOptions.read(StepInFlows.signInStepConfig(realm)).value().sendsPerHour();
            return Response.ok(new AddressLimitsView(standing, RealmSettingsStore.readOrDefaults(realm), sendsPerHour)
                    .asMap()).build();
        });
    }

    /** The scheduled drift repair of the realm: its schedule, the run in progress, the last run's counts. */
    @GET
    @Path("cognito-mirror/repair")
    @Produces(MediaType.APPLICATION_JSON)
    public Response repair() {
        auth.users().requireView();
        if (!mirror.available()) {
            return error(Response.Status.CONFLICT, "the Cognito mirror is off on this server");
        }
        return Response.ok(new RepairStatus(RealmSettingsStore.readOrDefaults(realm).mirror(),
                mirror.driftRepair().progress(realm.getId())).asMap()).build();
    }

    /** A full drift repair of the realm, as the endpoint {@code cognito-mirror/reconcile} names it. */
    private Response startDriftRepair() {
        auth.users().requireManage();
        RequestedDriftRepair reconciliation = new RequestedDriftRepair(session, realm, mirror);
        Optional<String> refusal = reconciliation.refusal();
        if (refusal.isPresent()) {
            return error(Response.Status.CONFLICT, refusal.get());
        }
        Optional<MirrorSummary> summary;
        try {
            summary = reconciliation.run();
        } catch (MirrorException e) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "the user pool could not be read: " + e.getMessage());
        }
        if (summary.isEmpty()) {
            return error(Response.Status.CONFLICT, "a reconciliation of the user pool is running; try again later");
        }
        RepairEvents.requested(adminEvent, "email-code/cognito-mirror/reconcile", summary.get(), "request");
        return Response.ok(summary.get().asMap()).build();
    }

    /** The answer for the normalised address of the body's {@code email}; 400 without one, 503 without the store. */
    private static Response forAddress(Map<String, Object> body, Function<String, Response> answer) {
        Optional<String> address = EmailAddresses.normalise(body == null ? null : text(body.get("email")));
        if (address.isEmpty()) {
            return error(Response.Status.BAD_REQUEST, "give the address as {\"email\": \"...\"}");
        }
        try {
            return answer.apply(address.get());
        } catch (CodeStoreUnavailableException e) {
            return error(Response.Status.SERVICE_UNAVAILABLE, "the code store could not be reached; try again");
        }
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    private Map<String, Object> view() {
        Parsed<RealmSettings> parsed = RealmSettingsStore.read(realm);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("settings", RealmSettingsStore.effective(realm));
        view.put("problems", parsed.problems());
        return view;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join("##", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
