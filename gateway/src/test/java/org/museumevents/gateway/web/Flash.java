package org.museumevents.gateway.web;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.FlashMap;

/**
 * A page's flash attributes, as the redirect before it would have left them. MockMvc's own
 * {@code flashAttr} stores them in the mock request's container session, which Spring Session
 * (issue 18) hides behind its own: this hands them to the page as Spring MVC's input flash map, as
 * {@code SessionFlashMapManager} does after reading them from the session. Tests that make the
 * redirect themselves carry the session's cookie instead.
 */
final class Flash {

    private Flash() {}

    /**
     * @param name the attribute's name
     * @param value its value
     * @return a post-processor adding it to the request's input flash map
     */
    static RequestPostProcessor attribute(String name, Object value) {
        return request -> {
            FlashMap flash = (FlashMap) request.getAttribute(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE);
            if (flash == null) {
                flash = new FlashMap();
                request.setAttribute(DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, flash);
            }
            flash.put(name, value);
            return request;
        };
    }
}
