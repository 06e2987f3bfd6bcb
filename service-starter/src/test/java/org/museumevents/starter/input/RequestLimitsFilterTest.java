package org.museumevents.starter.input;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestLimitsFilterTest {

    private final RequestLimitsFilter filter = new RequestLimitsFilter(1024);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "q=a%00b",
                "q=%1b%5B31m",
                "from=2027&q=%C2%85",
                "q=%E0%A4%A",
                "q=%",
                "token=%C3%28",
                "q=%FF",
                "q=%zz"
            })
    void aQueryWithAControlCharacterOrABadEscapeIs400(String query) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/events");
        request.setQueryString(query);
        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("invalid-characters");
    }

    @Test
    void aPathWithAnEncodedControlCharacterIs400() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/events/a%00b");
        assertThat(run(request).getStatus()).isEqualTo(400);
    }

    @Test
    void ordinaryQueriesPass() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/events");
        request.setQueryString("q=mus%C3%A9e+d%27Orsay&from=2027-01-01");
        assertThat(run(request).getStatus()).isEqualTo(200);
    }

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAnythingReadsIt() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/events");
        request.setContent(new byte[2048]);
        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("body-too-large");
    }

    @Test
    void aChunkedBodyStopsBeingReadAtTheLimit() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/events") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked: no length declared
            }
        };
        request.setContent("x".repeat(4096).getBytes(StandardCharsets.UTF_8));
        IOException[] thrown = new IOException[1];
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            try {
                ((HttpServletRequest) req).getInputStream().readAllBytes();
            } catch (IOException e) {
                thrown[0] = e;
            }
        });
        assertThat(thrown[0]).isInstanceOf(RequestLimitsFilter.BodyTooLarge.class);
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
