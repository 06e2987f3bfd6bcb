package org.museumevents.notification;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Runs the classes with a context of their own ({@code @DirtiesContext}) after all the others, so
 * the shared context is paused once, when the first of them starts, and never resumes to consume
 * the messages they published meanwhile. Set in junit-platform.properties.
 */
public class OwnContextsLast implements ClassOrderer {

    /**
     * Sorts the classes: those without {@code @DirtiesContext} first, then by name.
     *
     * @param context the classes JUnit is about to run, sorted in place
     */
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparing((ClassDescriptor descriptor) -> descriptor.isAnnotated(DirtiesContext.class))
                        .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }
}
