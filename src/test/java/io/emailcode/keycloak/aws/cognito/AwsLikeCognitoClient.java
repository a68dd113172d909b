package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.FakeTicker;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.*;

/**
 * A user pool in memory that answers the admin API the way AWS does where the emulator does not: ListUsers returns at
 * most 60 users a page with a pagination token (and refuses a larger limit), and its {@code email} filter matches
 * whatever the case. Every call is recorded with the fake monotonic time, and takes {@link #LATENCY_NANOS}.
 */
public final class AwsLikeCognitoClient implements CognitoIdentityProviderClient {

    static final int AWS_PAGE = 60;
    static final long LATENCY_NANOS = 20_000_000;
    private static final Pattern FILTER = Pattern.compile("(\\w+) = \"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One call: the operation and the fake time it was made at. */
    public record Call(String operation, long nanos) {
    }

    private final Map<String, UserType> users = new LinkedHashMap<>();
    /** Each user's {@code UserStatus}: what AdminCreateUser leaves unless a test says otherwise. */
    private final Map<String, String> statuses = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final FakeTicker ticker;
    /** When set, the next AdminUpdateUserAttributes finds its user deleted, as if an admin removed it meanwhile. */
    boolean deleteBeforeNextUpdate;
    /** When set, the next ListUsers fails as an overloaded service does. */
    boolean failNextListing;
    /** Filtered listings return at most this many users a call, with a token for the rest, as AWS may. */
    int filteredPageSize = AWS_PAGE;

    public AwsLikeCognitoClient(FakeTicker ticker) {
        this.ticker = ticker;
    }

    /** Sets a user's {@code UserStatus}, e.g. {@code UNCONFIRMED} for one signed up and never confirmed. */
    public void status(String username, String status) {
        statuses.put(username, status);
        replace(username, attributesOf(existing(username)), users.get(username).enabled());
    }

    /** A pool user made directly in the pool; returns its sub. */
    public String put(String username, Map<String, String> attributes, boolean enabled) {
        String sub = UUID.randomUUID().toString();
        Map<String, String> all = new TreeMap<>(attributes);
        all.put("sub", sub);
        users.put(username, user(username, all, enabled));
        return sub;
    }

    public Map<String, String> attributes(String username) {
        Map<String, String> values = new TreeMap<>();
        users.get(username).attributes().forEach(a -> values.put(a.name(), a.value()));
        return values;
    }

    public boolean enabled(String username) {
        return users.get(username).enabled();
    }

    public boolean has(String username) {
        return users.containsKey(username);
    }

    public void remove(String username) {
        users.remove(username);
    }

    public List<String> usernames() {
        return new ArrayList<>(users.keySet());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls by operation. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach(c -> counts.merge(c.operation(), 1, Integer::sum));
        return counts;
    }

    public void resetCalls() {
        calls.clear();
    }

    @Override
    public ListUsersResponse listUsers(ListUsersRequest request) {
        record("ListUsers");
        if (failNextListing) {
            failNextListing = false;
            throw InternalErrorException.builder().message("try again").statusCode(500).build();
        }
        int limit = request.limit() == null ? AWS_PAGE : request.limit();
        if (limit > AWS_PAGE) {
            throw InvalidParameterException.builder().message("Limit must be at most 60").build();
        }
        if (request.filter() != null) {
            limit = Math.min(limit, filteredPageSize);
        }
        List<UserType> matching = users.values().stream().filter(filter(request.filter())).toList();
        int start = request.paginationToken() == null ? 0
                : Integer.parseInt(new String(Base64.getDecoder().decode(request.paginationToken())));
        int end = Math.min(matching.size(), start + limit);
        ListUsersResponse.Builder response = ListUsersResponse.builder().users(matching.subList(start, end));
        if (end < matching.size()) {
            response.paginationToken(Base64.getEncoder().encodeToString(Integer.toString(end).getBytes()));
        }
        return response.build();
    }

    @Override
    public AdminCreateUserResponse adminCreateUser(AdminCreateUserRequest request) {
        record("AdminCreateUser");
        if (users.containsKey(request.username())) {
            throw UsernameExistsException.builder().message("User account already exists").build();
        }
        Map<String, String> attributes = new TreeMap<>();
        request.userAttributes().forEach(a -> attributes.put(a.name(), a.value()));
        attributes.put("sub", UUID.randomUUID().toString());
        UserType created = user(request.username(), attributes, true);
        users.put(request.username(), created);
        return AdminCreateUserResponse.builder().user(created).build();
    }

    @Override
    public AdminGetUserResponse adminGetUser(AdminGetUserRequest request) {
        record("AdminGetUser");
        UserType user = existing(request.username());
        return AdminGetUserResponse.builder().username(user.username()).userAttributes(user.attributes())
                .enabled(user.enabled()).userStatus(user.userStatusAsString()).build();
    }

    @Override
    public AdminSetUserPasswordResponse adminSetUserPassword(AdminSetUserPasswordRequest request) {
        record("AdminSetUserPassword");
        existing(request.username());
        status(request.username(), Boolean.TRUE.equals(request.permanent()) ? "CONFIRMED" : "FORCE_CHANGE_PASSWORD");
        return AdminSetUserPasswordResponse.builder().build();
    }

    @Override
    public AdminUserGlobalSignOutResponse adminUserGlobalSignOut(AdminUserGlobalSignOutRequest request) {
        record("AdminUserGlobalSignOut");
        existing(request.username());
        return AdminUserGlobalSignOutResponse.builder().build();
    }

    @Override
    public AdminUpdateUserAttributesResponse adminUpdateUserAttributes(AdminUpdateUserAttributesRequest request) {
        record("AdminUpdateUserAttributes");
        if (deleteBeforeNextUpdate) {
            deleteBeforeNextUpdate = false;
            users.remove(request.username());
        }
        Map<String, String> attributes = attributesOf(existing(request.username()));
        request.userAttributes().forEach(a -> attributes.put(a.name(), a.value()));
        replace(request.username(), attributes, users.get(request.username()).enabled());
        return AdminUpdateUserAttributesResponse.builder().build();
    }

    @Override
    public AdminDeleteUserAttributesResponse adminDeleteUserAttributes(AdminDeleteUserAttributesRequest request) {
        record("AdminDeleteUserAttributes");
        Map<String, String> attributes = attributesOf(existing(request.username()));
        request.userAttributeNames().forEach(attributes::remove);
        replace(request.username(), attributes, users.get(request.username()).enabled());
        return AdminDeleteUserAttributesResponse.builder().build();
    }

    @Override
    public AdminEnableUserResponse adminEnableUser(AdminEnableUserRequest request) {
        record("AdminEnableUser");
        replace(request.username(), attributesOf(existing(request.username())), true);
        return AdminEnableUserResponse.builder().build();
    }

    @Override
    public AdminDisableUserResponse adminDisableUser(AdminDisableUserRequest request) {
        record("AdminDisableUser");
        replace(request.username(), attributesOf(existing(request.username())), false);
        return AdminDisableUserResponse.builder().build();
    }

    @Override
    public AdminDeleteUserResponse adminDeleteUser(AdminDeleteUserRequest request) {
        record("AdminDeleteUser");
        existing(request.username());
        users.remove(request.username());
        return AdminDeleteUserResponse.builder().build();
    }

    @Override
    public String serviceName() {
        return "cognito-idp";
    }

    @Override
    public void close() {
    }

    private void record(String operation) {
        calls.add(new Call(operation, ticker.nanos()));
        ticker.advance(LATENCY_NANOS);
    }

    private UserType existing(String username) {
        UserType user = users.get(username);
        if (user == null) {
            throw UserNotFoundException.builder().message("User does not exist.").build();
        }
        return user;
    }

    private void replace(String username, Map<String, String> attributes, boolean enabled) {
        users.put(username, user(username, attributes, enabled));
    }

    private static Predicate<UserType> filter(String filter) {
        if (filter == null || filter.isBlank()) {
            return u -> true;
        }
        Matcher m = FILTER.matcher(filter.trim());
        if (!m.matches()) {
            throw InvalidParameterException.builder().message("Invalid filter").build();
        }
        String name = m.group(1);
        String value = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
        boolean anyCase = name.equals("email");
        return u -> {
            String actual = attributesOf(u).get(name);
            return actual != null && (anyCase ? actual.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))
                    : actual.equals(value));
        };
    }

    private static Map<String, String> attributesOf(UserType user) {
        Map<String, String> values = new HashMap<>();
        user.attributes().forEach(a -> values.put(a.name(), a.value()));
        return values;
    }

    private UserType user(String username, Map<String, String> attributes, boolean enabled) {
        return UserType.builder().username(username).enabled(enabled)
                .userStatus(statuses.getOrDefault(username, "FORCE_CHANGE_PASSWORD"))
                .attributes(attributes.entrySet().stream()
                        .map(e -> AttributeType.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .build();
    }
}
