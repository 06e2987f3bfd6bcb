package org.museumevents.starter.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.museumevents.starter.ServiceSettings;
import org.museumevents.starter.problem.Problems;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description at {@code /v3/api-docs}, generated from the controllers and browsed
 * through the gateway's Swagger UI. What the code cannot say is added here once for every
 * operation: the organisers' bearer tokens ({@value #ORGANISER}), and every 4xx and 5xx as {@code
 * application/problem+json} (RFC 9457). Title and description come from {@code <prefix>.api.*}.
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, OperationCustomizer.class})
public class OpenApiAutoConfiguration {

    /** The security scheme that organiser operations name in {@code @SecurityRequirement}. */
    public static final String ORGANISER = "organiser";

    private static final String PROBLEM = "Problem";

    @Bean
    @ConditionalOnMissingBean(OpenAPI.class)
    OpenAPI serviceApi(Environment environment) {
        ServiceSettings.Api api = ServiceSettings.of(environment).api();
        return new OpenAPI()
                .info(new Info().title(api.title()).version(version()).description(api.description()))
                // Relative to the document, so "Try it out" calls the origin the description came from:
                // the gateway, which routes /api/** to the service.
                .addServersItem(new Server().url("/").description("the gateway (this page's origin)"))
                .components(new Components()
                        .addSecuritySchemes(ORGANISER, organiserToken(api.organiserScope()))
                        .addSchemas(PROBLEM, problem()));
    }

    @Bean
    @ConditionalOnMissingBean(name = "problemResponses")
    OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            if (handlerMethod.hasMethodAnnotation(OrganiserTokenOptional.class)) {
                // Anyone may call it; an organiser's token shows the organisation's own data too.
                operation.setSecurity(List.of(new SecurityRequirement(), new SecurityRequirement().addList(ORGANISER)));
            }
            ApiResponses responses = operation.getResponses();
            if (hasInput(operation)) {
                responses.putIfAbsent(
                        "400", new ApiResponse().description("Invalid input; `errors` names each invalid field."));
            }
            if (organiserOnly(operation)) {
                responses.putIfAbsent("401", new ApiResponse().description("No valid organiser token."));
                responses.putIfAbsent(
                        "403",
                        new ApiResponse().description("The token lacks scope `organiser` or names no organisation."));
            }
            if (hasPathVariable(handlerMethod)) {
                responses.putIfAbsent(
                        "404", new ApiResponse().description("It does not exist or is not visible to you."));
            }
            responses.putIfAbsent(
                    "503",
                    new ApiResponse()
                            .description("The database or the token issuer is unavailable; try again shortly.")
                            .addHeaderObject("Retry-After", new Header().schema(new IntegerSchema())));
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(new Content()
                            .addMediaType(
                                    "application/problem+json",
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                }
            });
            operation.setResponses(sorted(responses));
            return operation;
        };
    }

    private static SecurityScheme organiserToken(String scope) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("JWT")
                .description(
                        """
                        An access token issued by the gateway (`POST /oauth2/token`, e.g. `client_credentials` \
                        for an organisation's scripts) whose claim `scope` contains `organiser` and whose claim \
                        `org` names the organisation. """
                                + scope);
    }

    private static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 problem details, `application/problem+json`")
                .addProperty(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("names the reason")
                                .example(Problems.BASE + "validation"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .description("for invalid input: one entry per invalid field")
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema().example("title.fr"))
                                        .addProperty("message", new StringSchema())))
                .required(List.of("type", "title", "status"));
    }

    private static boolean hasInput(Operation operation) {
        return operation.getRequestBody() != null
                || (operation.getParameters() != null
                        && !operation.getParameters().isEmpty());
    }

    private static boolean organiserOnly(Operation operation) {
        return operation.getSecurity() != null
                && !operation.getSecurity().isEmpty()
                && operation.getSecurity().stream().allMatch(requirement -> requirement.containsKey(ORGANISER));
    }

    private static boolean hasPathVariable(HandlerMethod handlerMethod) {
        for (var parameter : handlerMethod.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                return true;
            }
        }
        return false;
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .forEach(entry -> sorted.addApiResponse(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** The build's version in the packaged jar; {@code development} when run from classes. */
    private static String version() {
        String version = OpenApiAutoConfiguration.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
