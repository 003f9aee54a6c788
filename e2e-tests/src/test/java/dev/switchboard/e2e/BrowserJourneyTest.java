package dev.switchboard.e2e;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dev.switchboard.testing.stripe.FakeStripe;
import dev.switchboard.testing.stripe.StripeWebhookSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 7's journey in a real headless Chromium on the launched platform: sign up → credits bought
 * through (a fake) Stripe Checkout, the fee shown before paying → a key
 * shown once and copied → two simulated models streaming side by side at once, one stopped → the
 * activity page's spend equals the ledger → log out and in. A screenshot of every page lands in
 * {@code target/screenshots/}.
 */
class BrowserJourneyTest {

    static final String PASSWORD = "a long browser password";
    static final String STRIPE_WEBHOOK_SECRET = "whsec_browser_" + UUID.randomUUID();
    static final StripeWebhookSigner stripeSigner = new StripeWebhookSigner(STRIPE_WEBHOOK_SECRET);

    static FakeStripe stripe;
    static Platform platform;

    /**
     * Its own launch (not {@link LaunchedPlatformTest}'s): no recorded upstream is needed, and the
     * simulated models pace their tokens as they do by default rather than the 2 ms the API journeys
     * use, so that a person, and this test, sees two answers streaming at once and can stop one.
     */
    @BeforeAll
    static void startPlatform() throws Exception {
        assertThat(Browser.installed())
                .as("Debian's chromium and chromedriver under /usr/bin (apt-get install chromium chromium-driver; .ci/run installs them)")
                .isTrue();
        stripe = new FakeStripe();
        platform = new Platform(Map.of(
                "SWITCHBOARD_SIM_TOKENINTERVAL", "40ms",
                "SWITCHBOARD_SIM_FIRSTTOKENDELAY", "250ms",
                "SWITCHBOARD_STRIPE_APIBASE", stripe.url(),
                "SWITCHBOARD_STRIPE_SECRETKEY", "sk_test_browser",
                "SWITCHBOARD_STRIPE_WEBHOOKSECRET", STRIPE_WEBHOOK_SECRET));
        platform.start();
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void aNewUserSignsUpBuysCreditsMakesAKeyComparesTwoModelsAndFindsTheSpendInActivity() throws Exception {
        String email = "browser-" + UUID.randomUUID() + "@example.com";
        try (Browser browser = new Browser(platform.url(), "journey-", 1366, 900)) {
            // 1. sign up
            browser.open("/signup");
            browser.heading("Create your account");
            browser.screenshot("01-signup");
            browser.field("Email").sendKeys(email);
            browser.field("Password").sendKeys(PASSWORD);
            browser.control("Sign up").click();
            browser.path("/dashboard");
            browser.heading("Dashboard");
            browser.find("[data-testid=balance]");
            browser.screenshot("02-dashboard-new");

            // 2. credits, bought through Stripe Checkout: the fee (5.5 %, at least $0.80) is shown before paying;
            // $20, not the preset $10, so the typed amount and the percentage (not the minimum) are what is shown
            browser.control("Credits").click();
            browser.heading("Credits");
            assertThat(browser.find("[data-testid=credits-balance]").getText()).isEqualTo("$0.00");
            WebElement amount = browser.field("Other amount");
            amount.clear();
            amount.sendKeys("20");
            browser.waitFor(d -> browser.find("[data-testid=purchase-fee]").getText()
                    .equals("Credits $20.00 + fee $1.10 (5.5%, at least $0.80) = you pay $21.10") ? true : null);
            browser.screenshot("03-credits-fee");
            browser.control("Continue to payment").click();
            // the browser is on Stripe's (the fake's) hosted page for the session the platform created
            browser.waitFor(d -> d.getCurrentUrl().startsWith(stripe.url()) ? true : null);
            String sessionId = browser.find("#session").getText();
            FakeStripe.Session checkout = stripe.session(sessionId).orElseThrow();
            assertThat(checkout.amountTotalCents()).as("credits plus fee").isEqualTo(2110);
            browser.screenshot("03-stripe-checkout");
            // Stripe tells the platform the session is paid, then sends the buyer back
            String completed = stripe.checkoutCompleted(sessionId, "paid");
            Http.Reply webhook = new Http(platform.url())
                    .post("/api/webhooks/stripe", completed, "Stripe-Signature", stripeSigner.sign(completed));
            assertThat(webhook.status()).as(webhook.toString()).isEqualTo(200);
            browser.find("#success").click();
            browser.path("/credits");
            browser.waitFor(d -> browser.find("[data-testid=purchase-return]").getText().contains("Your credits have arrived") ? true : null);
            assertThat(browser.find("[data-testid=purchase-return]").getText()).contains("New balance: $20.00");
            assertThat(browser.find("[data-testid=credits-balance]").getText()).as("the credits, not the fee").isEqualTo("$20.00");
            browser.screenshot("03-credits-bought");

            // 3. a key, shown once, copied
            browser.control("Keys").click();
            browser.heading("API keys");
            browser.field("Name").sendKeys("from the browser");
            browser.control("Create key").click();
            String key = browser.waitFor(d -> {
                String value = browser.find("[data-testid=new-key-value]").getDomProperty("value");
                return value != null && value.startsWith("sk-sb-v1-") ? value : null;
            });
            browser.control("Copy").click();
            browser.control("Copied");
            assertThat(new Http(platform.url()).bearer(key).get("/api/v1/key").status()).isEqualTo(200);
            assertThat(browser.find("[data-testid=keys-table]").getText()).contains("from the browser").doesNotContain(key);
            browser.screenshot("04-keys-created");
            browser.control("I have saved it").click();
            browser.open("/keys");
            browser.heading("API keys");
            assertThat(browser.driver.getPageSource()).doesNotContain(key);

            // 4. chat: two simulated models stream side by side at once, then one is stopped
            browser.control("Chat").click();
            WebElement prompt = browser.find("#prompt");
            assertThat(browser.find("[data-testid=column-0] input").getDomProperty("value")).isEqualTo("sim/lynx-mini");
            assertThat(browser.find("[data-testid=column-1] input").getDomProperty("value")).isEqualTo("sim/lynx-pro");
            prompt.sendKeys("Compare yourselves, please.");
            browser.control("Send").click();
            browser.waitFor(d -> statuses(browser).equals(List.of("streaming", "streaming")) ? true : null);
            browser.screenshot("05-chat-both-streaming");
            browser.control("Stop sim/lynx-pro").click();
            browser.waitFor(d -> statuses(browser).equals(List.of("done", "stopped")) ? true : null);
            List<String> generationIds = browser.driver.findElements(By.cssSelector("[data-testid=answer]")).stream()
                    .map(e -> e.getAttribute("data-generation-id"))
                    .toList();
            assertThat(generationIds).hasSize(2).allMatch(id -> id.startsWith("gen-"));
            String firstStats = browser.find("[data-testid=column-0] [data-testid=stats]").getText();
            // provider, tokens, cost, time to first token and speed are all filled in for a finished answer
            assertThat(firstStats).contains("Provider", "Tokens", "Cost", "First token", "tok/s").doesNotContain("—");
            assertThat(browser.find("[data-testid=column-0] [data-testid=cost]").getText()).startsWith("$");
            assertThat(browser.find("[data-testid=column-1]").getText()).contains("Stopped.");
            browser.screenshot("06-chat-one-stopped");

            // 5. activity: the spend shown equals the organisation's charges in the ledger
            Http session = new Http(platform.url());
            assertThat(session.post("/auth/login", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(200);
            String orgId = session.get("/auth/me").json().path("data").path("organization").path("id").asString();
            Http billing = new Http(platform.billingUrl()).bearer(platform.internalToken);
            for (String id : generationIds) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> billing.get("/internal/generations/" + id + "/transfers"),
                                reply -> reply.status() == 200 && reply.json().isArray() && !reply.json().isEmpty());
            }
            BigDecimal ledgerUsage = usageInLedger(billing, orgId);
            assertThat(ledgerUsage).isPositive();
            assertPurchasedMinusCharged(billing, orgId, new BigDecimal("20.00"), ledgerUsage);
            browser.control("Activity").click();
            browser.heading("Activity");
            BigDecimal shown = new BigDecimal(browser.find("[data-testid=all-time-spend]").getAttribute("data-usd"));
            assertThat(shown).isEqualByComparingTo(ledgerUsage);
            List<WebElement> periodSpend = browser.driver.findElements(By.cssSelector("[data-testid=period-spend]"));
            if (!periodSpend.isEmpty()) {
                assertThat(new BigDecimal(periodSpend.getFirst().getAttribute("data-usd"))).isEqualByComparingTo(ledgerUsage);
            }
            assertLedgerBalances(billing);
            browser.screenshot("07-activity");

            // every other page, for the record
            for (String[] page : new String[][] {
                    {"/dashboard", "Dashboard", "08-dashboard"}, {"/models", "Models", "09-models"},
                    {"/models/sim/lynx-pro", "", "10-model"}, {"/byok", "Bring your own key", "11-byok"},
                    {"/organization", "", "12-organization-personal"}}) {
                browser.open(page[0]);
                browser.heading(page[1]);
                browser.waitFor(d -> Boolean.TRUE.equals(browser.script(
                        "return ![...document.querySelectorAll('[aria-live=polite].muted')].some(e => e.textContent === 'Loading…')"))
                        ? true : null);
                if (page[0].startsWith("/models/")) {
                    assertThat(browser.find("[data-testid=endpoints]").getText()).contains("Simulated");
                }
                browser.screenshot(page[2]);
            }

            // phone width: the menu folds behind a button, the chat's columns stack
            browser.driver.manage().window().setSize(new Dimension(390, 844));
            browser.open("/chat");
            browser.find("#prompt");
            assertThat(browser.find(".menu-toggle").getAttribute("aria-expanded")).isEqualTo("false");
            browser.screenshot("13-phone-chat");
            browser.control("Menu").click();
            browser.find("nav#nav.open");
            browser.screenshot("13-phone-menu");
            browser.driver.manage().window().setSize(new Dimension(1366, 900));

            // an organisation of one's own, then back to the personal one with the switcher
            browser.open("/organization");
            String personal = browser.find("h1").getText();
            browser.field("Name").sendKeys("Team Lynx");
            browser.control("Create organisation").click();
            browser.heading("Team Lynx");
            browser.find("[data-testid=members]");
            Select switcher = new Select(browser.find(".org-switch select"));
            assertThat(switcher.getFirstSelectedOption().getText()).isEqualTo("Team Lynx");
            browser.screenshot("12-organization-created");
            switcher.selectByVisibleText(personal);
            browser.heading(personal);

            // 6. log out and in again
            browser.control("Log out").click();
            browser.path("/login");
            browser.heading("Log in");
            browser.screenshot("14-login");
            browser.field("Email").sendKeys(email);
            browser.field("Password").sendKeys(PASSWORD);
            browser.control("Log in").click();
            browser.path("/dashboard");
            assertThat(browser.find("header .email").getText()).isEqualTo(email);
            browser.screenshot("15-dashboard-again");

            assertThat(browser.consoleErrors()).as("console errors (CSP violations among them)")
                    .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Uncaught"));
        }
    }

    /**
     * The check of issue 7's qualities: JavaScript and CSS transferred (compressed, headers included,
     * as Chromium's resource timing counts them) on a first load of the chat page with an empty
     * cache, against a 250 KB budget; and the time until the first streamed token is on screen,
     * against the same request made directly over HTTP in the same run (reported, not asserted: on a
     * shared two-core machine the ratio says more than any absolute number).
     */
    @Test
    void theChatPageLoadsUnderItsByteBudgetAndShowsTheFirstTokenAboutAsSoonAsADirectRequestGetsIt() throws Exception {
        String email = "perf-" + UUID.randomUUID() + "@example.com";
        Http session = new Http(platform.url());
        assertThat(session.post("/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}").status()).isEqualTo(201);
        String key = session.post("/api/v1/keys", "{\"name\":\"direct\"}").json().get("key").asString();
        Http operator = new Http(platform.url()).bearer(platform.adminToken);
        assertThat(operator.post("/api/admin/credits", "{\"email\":\"" + email + "\",\"amount_usd\":5,\"note\":\"perf\"}").status()).isEqualTo(200);

        try (Browser browser = new Browser(platform.url(), "perf-", 1366, 900)) {
            // the session cookie is set on a JSON page of the origin, so /chat is the first page load
            browser.open("/api/v1/providers");
            browser.driver.manage().addCookie(new Cookie("SESSION", session.cookie("SESSION"), "/"));
            browser.driver.manage().addCookie(new Cookie("XSRF-TOKEN", session.cookie("XSRF-TOKEN"), "/"));
            browser.open("/chat");
            browser.find("#prompt");
            @SuppressWarnings("unchecked")
            List<List<Object>> assets = (List<List<Object>>) browser.script("""
                    return performance.getEntriesByType('resource')
                      .filter(e => /\\.(m?js|css)$/.test(new URL(e.name).pathname))
                      .map(e => [new URL(e.name).pathname, e.transferSize, e.decodedBodySize]);""");
            long transferred = assets.stream().mapToLong(a -> ((Number) a.get(1)).longValue()).sum();
            long decoded = assets.stream().mapToLong(a -> ((Number) a.get(2)).longValue()).sum();
            System.out.printf("[web-ui check] chat page, first load: %d JS and CSS files, %,d bytes transferred (%,d bytes uncompressed); budget %,d%n",
                    assets.size(), transferred, decoded, FIRST_LOAD_BUDGET_BYTES);
            assets.forEach(a -> System.out.printf("[web-ui check]   %8d  %s%n", ((Number) a.get(1)).longValue(), a.get(0)));
            assertThat(assets).anyMatch(a -> a.get(0).toString().endsWith("/js/pages/chat.js"));
            assertThat(transferred).isPositive().isLessThan(FIRST_LOAD_BUDGET_BYTES);
            assertThat(transferred).as("compressed on the wire").isLessThan(decoded);
            browser.screenshot("01-chat-first-load");

            Http direct = new Http(platform.url()).bearer(key);
            List<Long> onScreen = new ArrayList<>();
            List<Long> overHttp = new ArrayList<>();
            for (int run = 0; run < 3; run++) {
                String question = "Run " + run + ": how fast is the first token?";
                onScreen.add(firstTokenOnScreenMs(browser, question));
                overHttp.add(direct.firstStreamedTokenMs("/api/v1/chat/completions",
                        "{\"model\":\"sim/lynx-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}]}"));
            }
            long browserMs = median(onScreen);
            long directMs = median(overHttp);
            System.out.printf("[web-ui check] time to first token: on screen %d ms, direct HTTP %d ms (median of 3: %s vs %s); ratio %.2f%n",
                    browserMs, directMs, onScreen, overHttp, (double) browserMs / Math.max(1, directMs));
            assertThat(browserMs).isPositive();
            assertThat(directMs).isPositive();
            browser.screenshot("02-chat-after-runs");
        }
    }

    /**
     * The app's own rules, run in the real browser against the modules as served: model output is
     * sanitised, money is summed exactly, the purchase fee is rounded up to the cent, CSV cells
     * cannot become spreadsheet formulas, and an error is shown in words.
     */
    @Test
    void theAppSanitisesModelOutputSumsMoneyExactlyAndExplainsErrorsInWords() throws Exception {
        try (Browser browser = new Browser(platform.url(), "rules-", 1024, 768)) {
            browser.open("/models");
            browser.heading("Models");
            String assets = (String) browser.script(
                    "return new URL(document.querySelector('script[type=module]').src).pathname.replace(/\\/js\\/main\\.js$/, '')");
            @SuppressWarnings("unchecked")
            Map<String, Object> results = (Map<String, Object>) browser.driver.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const base = arguments[0];
                    Promise.all([import(base + '/js/markdown.js'), import(base + '/js/format.js'),
                                 import(base + '/js/pages/credits.js'), import(base + '/js/pages/activity.js'),
                                 import(base + '/js/api.js')])
                      .then(([md, fmt, credits, activity, api]) => done({
                        markdown: md.safeMarkdown('**bold** <script>window.pwned=1</script><img src=x onerror="window.pwned=2"> [x](javascript:alert(1))'),
                        sum: fmt.sumUsd(['0.1', '0.2', '0.000000001']),
                        fee: fmt.fromNanos(credits.purchaseFeeNanos('33.33', { percent: '5.5', minimum_usd: '0.80' })),
                        minimumFee: fmt.fromNanos(credits.purchaseFeeNanos('5', { percent: '5.5', minimum_usd: '0.80' })),
                        csv: activity.toCsv([{ id: 'gen-1', model: '=HYPERLINK("x")', total_cost: '0.5', api_key_hash: null }]),
                        outOfCredits: api.explain(402, ''),
                        pwned: window.pwned ?? null,
                      }))
                      .catch((e) => done({ error: String(e) }));""", assets);
            assertThat(results).doesNotContainKey("error");
            assertThat((String) results.get("markdown")).contains("<strong>bold</strong>")
                    .doesNotContain("<script", "onerror", "javascript:");
            assertThat(results.get("pwned")).isNull();
            assertThat(results.get("sum")).isEqualTo("0.300000001");
            assertThat(results.get("fee")).isEqualTo("1.84");
            assertThat(results.get("minimumFee")).isEqualTo("0.8");
            assertThat((String) results.get("csv")).contains("\"'=HYPERLINK(\"\"x\"\")\"").contains("Browser chat");
            assertThat((String) results.get("outOfCredits")).startsWith("Out of credits");
        }
    }

    static final long FIRST_LOAD_BUDGET_BYTES = 250 * 1024;

    /**
     * Milliseconds from the Send click to the first token of column 0 being in the page: a capture
     * listener stamps the submit, a MutationObserver stamps the first answer text.
     */
    private static long firstTokenOnScreenMs(Browser browser, String question) {
        browser.script("""
                window.__sent = null; window.__shown = null;
                const form = document.querySelector('form.composer');
                form.addEventListener('submit', () => { window.__sent = performance.now(); }, { capture: true, once: true });
                const before = document.querySelectorAll('[data-testid=column-0] [data-testid=answer]').length;
                const observer = new MutationObserver(() => {
                  const answers = document.querySelectorAll('[data-testid=column-0] [data-testid=answer]');
                  const last = answers[answers.length - 1];
                  if (answers.length > before && last && !last.querySelector('.muted') && last.textContent.trim()) {
                    window.__shown = performance.now();
                    observer.disconnect();
                  }
                });
                observer.observe(document.querySelector('.columns'), { subtree: true, childList: true, characterData: true });""");
        browser.find("#prompt").sendKeys(question);
        browser.control("Send").click();
        Number ms = browser.waitFor(d -> (Number) browser.script("return window.__shown && window.__sent ? window.__shown - window.__sent : null"));
        browser.waitFor(d -> browser.driver.findElements(By.cssSelector("[data-testid=answer]")).stream()
                .noneMatch(e -> List.of("waiting", "streaming").contains(e.getAttribute("data-status"))) ? true : null);
        return Math.round(ms.doubleValue());
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static List<String> statuses(Browser browser) {
        return browser.driver.findElements(By.cssSelector("[data-testid=answer]")).stream()
                .map(e -> e.getAttribute("data-status"))
                .toList();
    }

    private static BigDecimal usageInLedger(Http billing, String orgId) throws Exception {
        Http.Reply credits = billing.get("/internal/orgs/" + orgId + "/credits");
        assertThat(credits.status()).as(credits.toString()).isEqualTo(200);
        return BigDecimal.valueOf(credits.json().path("totalUsageNanos").asLong(), 9);
    }

    /** The organisation's books: no grants here, so its credits are the purchase less the charges. */
    private static void assertPurchasedMinusCharged(Http billing, String orgId, BigDecimal purchasedUsd, BigDecimal chargedUsd)
            throws Exception {
        Http.Reply credits = billing.get("/internal/orgs/" + orgId + "/credits");
        assertThat(credits.status()).as(credits.toString()).isEqualTo(200);
        assertThat(BigDecimal.valueOf(credits.json().path("totalCreditsNanos").asLong(), 9)).isEqualByComparingTo(purchasedUsd);
        assertThat(BigDecimal.valueOf(credits.json().path("balanceNanos").asLong(), 9))
                .isEqualByComparingTo(purchasedUsd.subtract(chargedUsd));
    }

    private static void assertLedgerBalances(Http billing) throws Exception {
        Http.Reply check = billing.get("/internal/ledger/check");
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json().get("balanced").asBoolean()).as(check.toString()).isTrue();
    }
}
