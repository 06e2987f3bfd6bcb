package org.museumevents.gateway.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The organisers' login form; Spring Security handles its POST, failures and logout. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
