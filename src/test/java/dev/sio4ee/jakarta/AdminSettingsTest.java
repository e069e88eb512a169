package dev.sio4ee.jakarta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.admin.AdminMode;
import dev.sio4ee.admin.AdminOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {
    private static AdminSettings of(Map<String, String> contextParams) {
        return AdminSettings.of(Settings.of(contextParams, Map.of(), Map.of()));
    }

    @Test
    void shouldBeOffWithoutSettings() {
        AdminSettings s = of(Map.of());
        assertThat(s.enabled()).isFalse();
        assertThat(s.path()).isNull();
    }

    @Test
    void shouldRequireTheLoginToBeNamed() {
        assertThatThrownBy(() -> of(Map.of(AdminSettings.ADMIN_UI, "true")).options(() -> null))
                .hasMessageContaining(AdminSettings.ADMIN_UI_AUTH);
        assertThatThrownBy(() -> of(Map.of(AdminSettings.ADMIN_UI_AUTH, "basic")).options(() -> null))
                .hasMessageContaining("container, bcrypt or none");
        assertThatThrownBy(() -> of(Map.of(AdminSettings.ADMIN_UI_AUTH, "bcrypt",
                AdminSettings.ADMIN_UI_USERNAME, "admin", AdminSettings.ADMIN_UI_PASSWORD, "plain")).options(() -> null))
                .hasMessageContaining(AdminSettings.ADMIN_UI_PASSWORD).hasMessageContaining("bcrypt hash");
    }

    @Test
    void shouldReadEveryOption() {
        AdminOptions o = of(Map.of(AdminSettings.ADMIN_UI_AUTH, "bcrypt", AdminSettings.ADMIN_UI_USERNAME, "admin",
                AdminSettings.ADMIN_UI_PASSWORD, "$2a$04$9oczxQzuHRVmGyrsPkMYi.1XcOpJN1FNpDRhDnusUKUzUvEHvNO.6",
                AdminSettings.ADMIN_UI_NAMESPACE, "ops", AdminSettings.ADMIN_UI_READ_ONLY, "true",
                AdminSettings.ADMIN_UI_MODE, "production", AdminSettings.ADMIN_UI_SERVER_ID, "eu-1",
                AdminSettings.ADMIN_UI_SESSION_DURATION, "60000")).options(() -> null);
        assertThat(o.namespace()).isEqualTo("/ops");
        assertThat(o.readOnly()).isTrue();
        assertThat(o.mode()).isEqualTo(AdminMode.PRODUCTION);
        assertThat(o.serverId()).isEqualTo("eu-1");
        assertThat(o.sessionDurationMillis()).isEqualTo(60_000);
        assertThat(o.auth().check("admin", "changeit")).isTrue();
        assertThat(o.auth().check("admin", "wrong")).isFalse();
        AdminOptions none = of(Map.of(AdminSettings.ADMIN_UI_AUTH, "none")).options(() -> null);
        assertThat(none.auth()).isNull();
        assertThat(none.namespace()).isEqualTo("/admin");
        assertThat(none.mode()).isEqualTo(AdminMode.DEVELOPMENT);
        assertThat(of(Map.of(AdminSettings.ADMIN_UI_PATH, "console")).path()).isEqualTo("/console/");
        assertThatThrownBy(() -> of(Map.of(AdminSettings.ADMIN_UI_MODE, "debug", AdminSettings.ADMIN_UI_AUTH, "none"))
                .options(() -> null)).hasMessageContaining(AdminSettings.ADMIN_UI_MODE);
    }

    @Test
    void shouldRefuseALoginThatTheContainerDoesNotHave() {
        AdminOptions o = of(Map.of(AdminSettings.ADMIN_UI_AUTH, "container")).options(() -> {
            throw new IllegalStateException("no Jakarta Security here");
        });
        assertThat(o.auth().check("ops", "s3cret")).isFalse();
    }
}
