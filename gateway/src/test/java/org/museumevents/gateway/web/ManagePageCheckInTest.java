package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The manage page of a confirmed registration for an event at a venue (issue 16): the check-in
 * code as a QR code that decodes to the code alone, and as text; an attended registration links to
 * its attestation; an online event's, or one the service gives no code, shows neither.
 */
@GatewayIntegrationTest
class ManagePageCheckInTest {

    static final String CODE = "q3X9-bZ_4mK2LpR7sT0vWw";
    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;

    @Autowired
    MockMvc mvc;

    static String confirmed(String code, String checkedInAt) {
        return Contract.registration(REGISTRATION_ID, "CONFIRMED")
                .replace(
                        "\"registeredAt\"",
                        "\"checkInCode\": " + (code == null ? "null" : "\"" + code + "\"") + ", \"checkedInAt\": "
                                + (checkedInAt == null ? "null" : "\"" + checkedInAt + "\"") + ", \"registeredAt\"");
    }

    static String inPersonEvent() {
        return Contract.publicEvent(EVENT_ID).replace("\"format\": \"ONLINE\"", "\"format\": \"IN_PERSON\"");
    }

    @Test
    void aConfirmedRegistrationShowsItsCheckInCodeAsAQrCodeAndAsText() throws Exception {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(inPersonEvent()));
        registration.on("GET", "/api/registrations/" + REGISTRATION_ID, json(confirmed(CODE, null)));

        String page = mvc.perform(get("/registrations/" + REGISTRATION_ID)
                        .param("token", "t0k3n")
                        .header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"check-in-qr\""),
                                containsString("Code\u202F: " + CODE),
                                containsString("aria-label=\"QR code de votre code d’accueil\""),
                                not(containsString("id=\"attestation-link\"")))))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(decode(page)).isEqualTo(CODE);
    }

    @Test
    void anAttendedRegistrationLinksToItsAttestation() throws Exception {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(inPersonEvent()));
        registration.on("GET", "/api/registrations/" + REGISTRATION_ID, json(confirmed(CODE, "2099-02-16T12:05:00Z")));

        mvc.perform(get("/registrations/" + REGISTRATION_ID)
                        .param("token", "t0k3n+/=")
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"attestation-link\""),
                                containsString("href=\"/api/registrations/" + REGISTRATION_ID
                                        + "/attestation.pdf?token=t0k3n%2B/%3D\""),
                                containsString("Download your attestation of attendance"))));
    }

    @Test
    void noCodeNoQrCode() throws Exception {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(Contract.publicEvent(EVENT_ID)));
        registration.on("GET", "/api/registrations/" + REGISTRATION_ID, json(confirmed(null, null)));
        mvc.perform(get("/registrations/" + REGISTRATION_ID).param("token", "t"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"check-in-qr\""))));

        // A code for an online event (a service that has not caught up): not drawn either.
        registration.on("GET", "/api/registrations/" + REGISTRATION_ID, json(confirmed(CODE, null)));
        mvc.perform(get("/registrations/" + REGISTRATION_ID).param("token", "t"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString(CODE))));
    }

    /** Reads the page's SVG back as pixels (4 per module) and decodes it with ZXing's reader. */
    private static String decode(String page) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(page);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1));
        int scale = 4;
        int size = modules * scale;
        int[] pixels = new int[size * size];
        Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(page);
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * size + x * scale + dx] = 0xFF000000;
                }
            }
        }
        return new QRCodeReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels))))
                .getText();
    }
}
