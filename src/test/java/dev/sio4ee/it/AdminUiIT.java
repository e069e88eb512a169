package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.admin.AdminAppSetup;
import dev.sio4ee.it.app.admin.AdminStore;
import dev.sio4ee.jakarta.AdminSettings;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin UI's protocol at the wire level on the deployed WAR, with the official Node {@code socket.io-client}
 * as the UI uses it ({@code admin-wire.mjs}): the read-write UI at {@code /admin} turned on by context-params
 * (login checked by the container's Jakarta Security identity store, group {@code socketio-admin}), a read-only one
 * at {@code /observer} added in code by a {@code SocketIoSetup} bean; every event and action.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminUiIT {
    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("admin", new String[] {AdminSettings.ADMIN_UI, "true",
                AdminSettings.ADMIN_UI_AUTH, "container", AdminSettings.ADMIN_UI_SERVER_ID, "node-under-test"},
                AdminAppSetup.class, AdminStore.class);
    }

    @Test
    void shouldSpeakTheAdminUiProtocol() throws Exception {
        JsonObject r = NodeClient.run(60, "admin-wire.mjs", Deployments.loopback(deployed).toString());
        assertThat(r.getBoolean("ok")).as("client result %s", r).isTrue();
        assertThat(r.getString("wrongPassword")).isEqualTo("invalid credentials");
        assertThat(r.getString("withoutRole")).isEqualTo("invalid credentials");
        assertThat(r.getString("sessionId")).matches("[0-9a-f]{16}");
        assertThat(r.getJsonArray("features").getValuesAs(JsonString::getString)).containsExactly("EMIT", "JOIN",
                "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT", "AGGREGATED_EVENTS", "ALL_EVENTS");
        assertThat(r.getBoolean("allSocketsHasSelf")).isTrue();
        assertThat(r.getJsonArray("statsKeys").getValuesAs(JsonString::getString)).containsExactly(
                "aggregatedEvents", "clientsCount", "hostname", "namespaces", "pid", "pollingClientsCount",
                "serverId", "uptime");
        JsonObject connected = r.getJsonObject("connected");
        assertThat(connected.getBoolean("idMatches")).isTrue();
        assertThat(connected.getString("transport")).isEqualTo("websocket");
        assertThat(connected.getString("clientId")).hasSize(12);
        assertThat(connected.getJsonArray("rooms")).hasSize(1);
        assertThat(connected.getBoolean("dateIso")).isTrue();
        assertThat(connected.getBoolean("hasHandshake")).isTrue();
        JsonObject upgrade = r.getJsonObject("upgradeUpdate");
        assertThat(upgrade.getBoolean("idMatches")).isTrue();
        assertThat(upgrade.getString("nsp")).isEqualTo("/chat");
        assertThat(r.getJsonArray("eventReceived").toString()).endsWith(",[\"hello\",\"there\"]]")
                .startsWith("[\"/chat\",");
        assertThat(r.getJsonArray("eventSent").toString()).endsWith(",[\"welcome\",\"there\"]]");
        assertThat(r.getBoolean("roomJoined")).isTrue();
        assertThat(r.getJsonObject("dataUpdate").toString()).isEqualTo("{\"name\":\"alice\"}");
        assertThat(r.getJsonArray("news").toString()).isEqualTo("[\"for vips\",{\"n\":1}]");
        assertThat(r.getJsonArray("everyone").toString()).isEqualTo("[42]");
        assertThat(r.getBoolean("bGotVipNews")).isFalse();
        assertThat(r.getBoolean("roomLeft")).isTrue();
        assertThat(r.getJsonArray("observerFeatures").getValuesAs(JsonString::getString))
                .containsExactly("AGGREGATED_EVENTS", "ALL_EVENTS");
        assertThat(r.getString("observerStats")).isEqualTo("observer-view");
        assertThat(r.getBoolean("stillConnectedAfterReadOnly")).isTrue();
        assertThat(r.getJsonArray("roomsAfterReadOnly").getValuesAs(JsonString::getString))
                .doesNotContain("observed").contains("lobby");
        assertThat(r.getBoolean("sessionLogin")).isTrue();
        assertThat(r.getString("aReason")).isEqualTo("io server disconnect");
        assertThat(r.getBoolean("sameIds")).isTrue();
        assertThat(r.getJsonArray("socketDisconnected").getString(2)).isEqualTo("server namespace disconnect");
        assertThat(r.getJsonArray("aggregatedTypes").getValuesAs(JsonString::getString))
                .contains("packetsIn", "packetsOut", "bytesIn", "bytesOut");
        assertThat(r.getInt("clientsCount")).isGreaterThanOrEqualTo(2);
        assertThat(r.getJsonArray("namespaces").getValuesAs(JsonString::getString))
                .contains("/", "/admin", "/chat", "/observer");
    }
}
