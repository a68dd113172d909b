package io.emailcode.keycloak.code;

/** The code store contract against the in-memory store the flow's unit tests use. */
class InMemoryCodeStoreTest extends CodeStoreContract {

    @Override
    protected CodeStore store() {
        return new InMemoryCodeStore(clock);
    }
}
