package org.museumevents.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.museumevents.gateway.identity.LoginProtection;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The organisers' login form; Spring Security handles its POST, failures and logout. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** The form again, with 429, when {@link LoginProtection} holds back a login: it says when to retry. */
    @RequestMapping(LoginProtection.BLOCKED_PAGE)
    String blocked(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object retryAfter = request.getAttribute(LoginProtection.RETRY_AFTER_ATTRIBUTE);
        if (retryAfter == null) {
            return "redirect:/login";
        }
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        model.addAttribute("retryAfter", retryAfter);
        return "login";
    }
}
