package dev.switchboard.api.webapp;

/**
 * The paths the browser app routes on the client (its {@code js/router.js}), each answered with
 * {@code index.html}, and the asset paths. Public: a page decides after loading whether to ask
 * for a login, and the data it then loads is protected by the API's own rules.
 */
public final class ClientRoutes {

    /** Client-side routes; keep in step with the route table in {@code app/js/main.js}. */
    static final String[] PAGES = {
            "/", "/index.html", "/login", "/signup", "/reset-password", "/accept-invite",
            "/dashboard", "/credits", "/keys", "/byok", "/models", "/models/*/*", "/chat",
            "/activity", "/generations/*", "/organization",
    };

    /** The app's fingerprinted files and the WebJar libraries. */
    static final String[] ASSETS = {"/assets/**", "/webjars/**"};

    private ClientRoutes() {
    }

    /** Every path of the browser app, for the security chain's public list. */
    public static String[] patterns() {
        String[] all = new String[PAGES.length + ASSETS.length];
        System.arraycopy(PAGES, 0, all, 0, PAGES.length);
        System.arraycopy(ASSETS, 0, all, PAGES.length, ASSETS.length);
        return all;
    }
}
