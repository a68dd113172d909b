package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Notice;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** What a door answers while a code is asked for or checked: a browser's code page, or an app's JSON. */
interface DoorPage {

    /** Called whenever the door issued a code, also one it withholds: the answer must not tell the two apart. */
    void codeIssued();

    /** The answer, with at most one notice. */
    Response show(Optional<Notice> notice);
}
