package org.museumevents.starter.outbox;

import org.museumevents.starter.ServiceSettings;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code <prefix>.outbox.enabled} is true, the prefix being the service's own. */
class OutboxEnabledCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return ServiceSettings.of(context.getEnvironment()).outbox().enabled();
    }
}
