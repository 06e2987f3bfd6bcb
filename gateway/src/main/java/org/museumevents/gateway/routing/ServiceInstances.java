package org.museumevents.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each service's instances for Spring Cloud LoadBalancer: the list configured in {@code
 * gateway.services.*} ({@link ServicesProperties}) as a {@link DiscoveryClient}, each instance
 * health-checked. An instance whose readiness probe ({@code spring.cloud.loadbalancer.health-check.path},
 * {@code /actuator/health/readiness}: the service's own state and its database) does not answer 200
 * within the check's interval (2 s) gets no requests until it does again; the requests are spread
 * round-robin over the others. With every instance of a service failing its check, the service's
 * requests are a 503 problem ({@link Routes}, and the pages' own 503).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = HealthCheckedInstances.class)
class ServiceInstances {

    /**
     * @return the instances of {@code gateway.services.*}; the instance ids are {@code <service>-1},
     *     {@code <service>-2}, ... in the order configured
     */
    @Bean
    DiscoveryClient configuredServiceInstances(ServicesProperties services) {
        return new DiscoveryClient() {
            @Override
            public String description() {
                return "gateway.services.*";
            }

            @Override
            public List<ServiceInstance> getInstances(String serviceId) {
                List<URI> urls = services.instances(serviceId);
                return IntStream.range(0, urls.size())
                        .<ServiceInstance>mapToObj(i -> new DefaultServiceInstance(
                                serviceId + "-" + (i + 1),
                                serviceId,
                                urls.get(i).getHost(),
                                port(urls.get(i)),
                                "https".equals(urls.get(i).getScheme())))
                        .toList();
            }

            @Override
            public List<String> getServices() {
                return List.of(
                        ServicesProperties.CATALOG, ServicesProperties.REGISTRATION, ServicesProperties.NOTIFICATION);
            }
        };
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equals(url.getScheme()) ? 443 : 80;
    }
}
