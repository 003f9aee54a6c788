package dev.switchboard.migrations;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseEnvironmentTest {

    @Test
    void operatorUrlBecomesDriverUrlsWithoutCredentialsInThem() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:s%40cret@db.internal:6543/switchboard");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/switchboard");
        assertThat(url.r2dbcUrl()).isEqualTo("r2dbc:postgresql://db.internal:6543/switchboard");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret");
        assertThat(url.toString()).doesNotContain("s@cret");
    }

    @Test
    void aUrlWithoutDatabaseOrWithAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/"))
                .hasMessageContaining("must name a database");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root@127.0.0.1/x"))
                .hasMessageContaining("postgresql://");
    }

    @Test
    void settingsFollowAUrlThatArrivesAfterPostProcessingAndMigrateOnlyTheServiceSchema() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", Map.of(
                "switchboard.database.schema", "billing",
                "switchboard.database.create-if-missing", "false")));
        new DatabaseEnvironment().postProcessEnvironment(environment, new SpringApplication());

        // as a test's @DynamicPropertySource does, once the environment was already post-processed
        environment.getPropertySources().addFirst(new MapPropertySource("late", Map.of(
                "switchboard.database.url", "postgresql://tester@127.0.0.1:5432/sbtest_late")));

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://127.0.0.1:5432/sbtest_late");
        assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/sbtest_late");
        assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("tester");
        assertThat(environment.getProperty("spring.flyway.schemas")).isEqualTo("billing");
        assertThat(environment.getProperty("spring.flyway.locations")).isEqualTo("classpath:db/migration/billing");
        assertThat(environment.getProperty("spring.r2dbc.properties.schema")).isEqualTo("billing");
    }
}
