package org.museumevents.gateway.web;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cache.caffeine.CaffeineCache;

/**
 * One of the gateway's public caches ({@link PublicCatalogCache}) that never keeps an answer read
 * before it was last emptied. An organiser's write empties it once the catalog has answered; a read
 * that was already on its way (asked before the write, answered after the clear) must not be kept,
 * or the old state would be served for a whole ttl after a change said to show at once. Each clear
 * moves a generation on; a value made under an earlier generation is given to the request that
 * made it but not kept.
 */
final class PublicCache extends CaffeineCache {

    private final AtomicLong generation = new AtomicLong();

    PublicCache(String name, com.github.benmanes.caffeine.cache.Cache<Object, Object> cache) {
        super(name, cache, false);
    }

    /** The current generation, to read before making a value to keep with {@link #putIfUnchanged}. */
    long generation() {
        return generation.get();
    }

    /**
     * Keeps the value unless the cache was emptied since {@code madeIn} was read. The generation is
     * checked after the put, and a clear moves it before emptying: either the clear removes the
     * value, or this removes it.
     */
    void putIfUnchanged(Object key, Object value, long madeIn) {
        put(key, value);
        if (generation.get() != madeIn) {
            evict(key);
        }
    }

    /** {@code @Cacheable(sync = true)}: the value loaded is returned, and kept only if no clear came meanwhile. */
    @Override
    public <T> T get(Object key, Callable<T> valueLoader) {
        long madeIn = generation.get();
        T value = super.get(key, valueLoader);
        if (generation.get() != madeIn) {
            evict(key);
        }
        return value;
    }

    @Override
    public void clear() {
        generation.incrementAndGet();
        super.clear();
    }

    @Override
    public boolean invalidate() {
        generation.incrementAndGet();
        return super.invalidate();
    }
}
