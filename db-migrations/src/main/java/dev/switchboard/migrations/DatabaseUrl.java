package dev.switchboard.migrations;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A PostgreSQL location as operators write it ({@code postgresql://user:password@host:port/database}),
 * turned into the forms the drivers want. Credentials stay out of the JDBC and R2DBC URLs so that
 * they never end up in a log line that prints a URL.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

    public static final String DEFAULT = "postgresql://postgres@127.0.0.1:5432/switchboard";

    public static DatabaseUrl parse(String url) {
        URI uri = URI.create(url.trim());
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme)) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must start with postgresql:// (got scheme '" + scheme + "')");
        }
        String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("DATABASE_URL must name a database, as in " + DEFAULT);
        }
        String user = "postgres";
        String password = "";
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        return new DatabaseUrl(host, port, path, user, password);
    }

    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    public String jdbcUrl(String otherDatabase) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + otherDatabase;
    }

    public String r2dbcUrl() {
        return "r2dbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The same server with another database, in the operator's form. */
    public String withDatabase(String otherDatabase) {
        String credentials = password.isEmpty() ? user : user + ":" + password;
        return "postgresql://" + credentials + "@" + host + ":" + port + "/" + otherDatabase;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
