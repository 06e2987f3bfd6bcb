package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.RawHttp;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The web front's own pages and forms under hostile input: control characters and odd Unicode in
 * query parameters and form fields, huge values, malformed ids and encoded paths. Whatever comes,
 * the answer is a success or a 4xx, an HTML page for people; never a 500 or a stack trace. A
 * control character in a page's query is a 400 page.
 *
 * <p>Values are jqwik samples, not {@code @Property} tries: jqwik's lifecycle does not run
 * Spring's test extension. The pages call the shared stand-ins, scripted as the services answer.
 */
@GatewayIntegrationTest
class HostileInputTest {

    private static final int SAMPLES = 40;

    /** What a browser asks for. */
    private static final java.util.Map<String, String> BROWSER =
            java.util.Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8", "Accept-Language", "fr");

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @BeforeEach
    void script() {
        StandIns.CATALOG
                .on("GET", "/api/events", json(Contract.page(Contract.publicEvent(Contract.EVENT_ID))))
                .on("GET", "/api/series", json(Contract.page(Contract.series())))
                .on("GET", "/api/events/" + Contract.EVENT_ID, json(Contract.publicEvent(Contract.EVENT_ID)));
        StandIns.REGISTRATION
                .on(
                        "GET",
                        "/api/events/" + Contract.EVENT_ID + "/availability",
                        json(
                                """
                                {"capacity": 300, "placesLeft": 12, "waitlist": true, "waitlisted": 0,
                                 "requiresApproval": false, "open": true, "reason": null}"""))
                .on(
                        "GET",
                        "/api/registrations/" + Contract.REGISTRATION_ID,
                        json(Contract.registration(Contract.REGISTRATION_ID, "CONFIRMED")))
                .on(
                        "POST",
                        "/api/events/" + Contract.EVENT_ID + "/registrations",
                        json(201, Contract.registered("CONFIRMED", null)))
                .on("DELETE", "/api/registrations/" + Contract.REGISTRATION_ID, json("{}"));
    }

    /** Any text: control characters, surrogates, right-to-left marks, emoji, sometimes very long. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings()
                        .withChars(
                                '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200e', '\u202e', '\ufeff',
                                '\uffff')
                        .withCharRange('a', 'z')
                        .ofMaxLength(20),
                Arbitraries.of(
                        "%",
                        "%zz", "%00", "../..", "<script>alert(1)</script>", "' OR 1=1 --", "\uD83D\uDE00", "\uD800"),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(3_000));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }

    private static void isAPageNeverAFailure(int status, String contentType, String body, String what) {
        assertThat(status).as(what).isLessThan(500);
        // MockMvc does not render the error page of a sendError: an empty body there is Tomcat's error page here.
        boolean errorPageToCome = status >= 400 && contentType == null && body.isEmpty();
        if (status >= 400 && !errorPageToCome) {
            assertThat(contentType).as(what).startsWith("text/html");
        }
        if (status == 200) {
            // A page that failed while rendering was cut short after its 200 was sent.
            assertThat(body.strip()).as(what).endsWith("</html>");
        }
        assertThat(body).as(what).doesNotContain("Exception", "\tat org.", "Whitelabel");
    }

    private static final List<String> PAGES_WITH_QUERY = List.of(
            "/?q=",
            "/?from=",
            "/?to=",
            "/?organisation=",
            "/?series=",
            "/?page=",
            "/?lang=",
            "/events/" + Contract.EVENT_ID + "?lang=",
            "/registrations/" + Contract.REGISTRATION_ID + "?token=",
            "/registrations/" + Contract.REGISTRATION_ID + "/cancel?token=",
            "/privacy?x=",
            "/login?error=");

    @Test
    void pagesAnswerAnyQueryWithAPageAndRefuseControlCharacters() {
        RawHttp client = RawHttp.newClient(port);
        hostileText().sampleStream().limit(SAMPLES).forEach(value -> {
            for (String page : PAGES_WITH_QUERY) {
                String target = page + encode(value);
                RawHttp.Response answer = client.send("GET", target, null, null, BROWSER);
                isAPageNeverAFailure(answer.status(), answer.header("Content-Type"), answer.body(), target);
                if (hasControl(value) || target.length() > 1100) {
                    assertThat(answer.status()).as(target).isEqualTo(400);
                }
            }
        });
    }

    @Test
    void malformedIdsAndEncodedPathsAreNotFoundOrRefused() {
        RawHttp client = RawHttp.newClient(port);
        Stream.concat(
                        hostileText().sampleStream().limit(SAMPLES).map(HostileInputTest::encode),
                        Stream.of(
                                "%2e%2e",
                                "..", "%2F", "%5c", "%00", "%ff", "%", "7f0c2a4e-5b1d-4c3e-9a8f-0d6e1b2c3a41%00"))
                .forEach(id -> {
                    for (String target : List.of(
                            "/events/" + id,
                            "/events/" + id + "/register",
                            "/events/" + id + "/registration",
                            "/registrations/" + id + "?token=t",
                            "/registrations/" + id + "/cancel?token=t",
                            "/organiser/events/" + id)) {
                        RawHttp.Response answer = client.send("GET", target, null, null, BROWSER);
                        isAPageNeverAFailure(answer.status(), answer.header("Content-Type"), answer.body(), target);
                    }
                });
    }

    private void postForm(MockHttpServletRequestBuilder form, String what) throws Exception {
        MockHttpServletResponse answer =
                mvc.perform(form.with(csrf()).accept("text/html")).andReturn().getResponse();
        isAPageNeverAFailure(answer.getStatus(), answer.getContentType(), answer.getContentAsString(), what);
    }

    @Test
    void formsAnswerAnyFieldWithAPage() throws Exception {
        List<String> values = hostileText().sampleStream().limit(SAMPLES).toList();
        for (String value : values) {
            String what = "field value " + value.codePoints().limit(30).boxed().toList();
            for (String field : List.of(
                    "name",
                    "email",
                    "organisation",
                    "language",
                    "timeZone",
                    "interpretationLanguage",
                    "consent",
                    "idempotencyKey")) {
                postForm(
                        post("/events/" + Contract.EVENT_ID + "/register")
                                .param("name", "Élise Martin")
                                .param("email", "elise@musee.example")
                                .param("language", "fr")
                                .param("consent", "true")
                                .param(field, value),
                        "register " + field + " " + what);
            }
            postForm(
                    post("/registrations/" + Contract.REGISTRATION_ID + "/cancel")
                            .param("token", value),
                    "cancel " + what);
            for (String field : List.of(
                    "titleFr",
                    "descriptionEn",
                    "start",
                    "timeZone",
                    "capacity",
                    "format",
                    "interpretation",
                    "meetingUrl")) {
                postForm(
                        post("/organiser/events")
                                .with(user("estelle").roles("ORGANISER"))
                                .param("titleFr", "Atelier")
                                .param("defaultLanguage", "fr")
                                .param("format", "ONLINE")
                                .param("start", "2027-03-16T13:00")
                                .param("end", "2027-03-16T14:30")
                                .param("timeZone", "Europe/Paris")
                                .param(field, value),
                        "organiser event " + field + " " + what);
            }
        }
    }

    /**
     * Every form bound to a form bean (organiser and participant), posted with a list index that is
     * negative, not a number, too long to be one, or far past any the page shows: the 400 page
     * saying the form could not be read, never a failure.
     */
    @Test
    void everyFormRefusesAnUnbindableListIndexWithThe400Page() throws Exception {
        StandIns.CATALOG.on(
                "GET",
                "/api/events/" + Contract.EVENT_ID,
                new org.museumevents.gateway.StandIn.Answer(
                        200,
                        "application/json",
                        Contract.event(Contract.EVENT_ID, "PUBLISHED"),
                        java.util.Map.of("ETag", "\"4\"")));
        List<String> badIndexes = List.of("-1", "abc", "99999999999", "", "[0]", "1e3", "100000");
        // Each form bound to a bean with lists, with its lists' own names.
        java.util.Map<String, List<String>> forms = new java.util.LinkedHashMap<>();
        forms.put("/organiser/events", List.of("questions[%s].kind", "people[%s].name"));
        forms.put("/organiser/events/" + Contract.EVENT_ID + "/edit", List.of("followUpLinks[%s].url"));
        forms.put("/organiser/events/" + Contract.EVENT_ID + "/messages", List.of("recipients[%s]"));
        for (String form : forms.keySet()) {
            for (String name : forms.get(form).stream()
                    .flatMap(pattern -> badIndexes.stream().map(pattern::formatted))
                    .toList()) {
                String what = form + " " + name;
                MockHttpServletResponse answer = postAsOrganiser(form, name);
                isAPageNeverAFailure(answer.getStatus(), answer.getContentType(), answer.getContentAsString(), what);
                assertThat(answer.getStatus()).as(what).isEqualTo(400);
                assertThat(answer.getContentAsString()).as(what).contains("data-reason=\"unreadable-form\"");
            }
        }
        // Names the forms have no property for are ignored, whatever their brackets, on every form.
        for (String form : List.of(
                "/organiser/events",
                "/organiser/series",
                "/organiser/events/" + Contract.EVENT_ID + "/messages",
                "/events/" + Contract.EVENT_ID + "/register")) {
            for (String name : List.of("unknown[-1]", "answers[abc]", "x[", "x]", "[0]", "a[[0]]")) {
                String what = form + " " + name;
                MockHttpServletResponse answer = postAsOrganiser(form, name);
                isAPageNeverAFailure(answer.getStatus(), answer.getContentType(), answer.getContentAsString(), what);
            }
        }
        assertThat(StandIns.CATALOG.received("PUT", ".*")).isEmpty();
    }

    private MockHttpServletResponse postAsOrganiser(String form, String name) throws Exception {
        return mvc.perform(post(form)
                        .with(user("estelle").roles("ORGANISER"))
                        .with(csrf())
                        .accept("text/html")
                        .param(name, "CONFIRMED")
                        .param("subjectEn", "x")
                        .param("bodyEn", "y")
                        .param("action", "preview"))
                .andReturn()
                .getResponse();
    }

    @Test
    void bodiesAreBounded() {
        RawHttp client = RawHttp.newClient(port);
        String huge = "name=" + "a".repeat(600 * 1024) + "&email=a%40b.org";
        RawHttp.Response answer = client.send(
                "POST", "/events/" + Contract.EVENT_ID + "/register", "application/x-www-form-urlencoded", huge);
        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.body()).doesNotContain("Exception", "\tat org.");
    }
}
