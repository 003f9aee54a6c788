package dev.switchboard.api.platform;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the consumer groups the api-service reads the platform's streams with. A group starts at
 * id 0, so entries appended before this service first ran are read too, and the stream is created if
 * it does not exist yet (MKSTREAM); a group that exists already is left as it is.
 */
@Component
public class StreamGroups {

    private final ReactiveStringRedisTemplate redis;

    StreamGroups(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    public Mono<Void> ensure(String stream, String group) {
        return redis.opsForStream()
                .createGroup(stream, ReadOffset.from("0"), group)
                .onErrorResume(StreamGroups::exists, e -> Mono.just("exists"))
                .then();
    }

    /** Redis answers BUSYGROUP when the group exists; the client wraps that error at some depth. */
    private static boolean exists(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (String.valueOf(e.getMessage()).contains("BUSYGROUP")) {
                return true;
            }
        }
        return false;
    }
}
