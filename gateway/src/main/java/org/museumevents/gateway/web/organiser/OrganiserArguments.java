package org.museumevents.gateway.web.organiser;

import java.security.Principal;
import java.util.List;
import org.museumevents.gateway.identity.OrganiserTokens;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives organiser pages an {@link Organiser} parameter: who is logged in, for which organisation;
 * refuses door staff (403) on every page not marked {@link CheckInPage}.
 */
@Configuration(proxyBeanMethods = false)
class OrganiserArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final OrganiserTokens tokens;

    OrganiserArguments(OrganiserTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Organiser.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binders) {
        Principal principal = request.getUserPrincipal();
        if (principal == null) {
            throw new AccessDeniedException("Organiser pages need a login");
        }
        String username = principal.getName();
        String organisation = tokens.organisationOf(username)
                .orElseThrow(() -> new AccessDeniedException("Not an organiser of any organisation"));
        boolean door = tokens.isDoorStaff(username);
        if (door && !parameter.hasMethodAnnotation(CheckInPage.class)) {
            throw new AccessDeniedException("Door staff use the check-in pages only");
        }
        return new Organiser(username, organisation, tokens.tokenFor(username), door);
    }
}
