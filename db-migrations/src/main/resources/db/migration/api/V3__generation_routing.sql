-- Routing on the generation record: every upstream attempt (provider, endpoint, status, latency)
-- and the routing decision (candidates and why each was placed, exclusions and their filters,
-- which attempt served), as the api-service's RouteReport writes them. Rows written before this
-- migration have no attempts recorded and no decision.
ALTER TABLE generations
    ADD COLUMN provider_responses JSONB NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN routing            JSONB;

ALTER TABLE generations
    ADD CONSTRAINT generation_provider_responses_is_array CHECK (jsonb_typeof(provider_responses) = 'array'),
    ADD CONSTRAINT generation_routing_is_object CHECK (routing IS NULL OR jsonb_typeof(routing) = 'object');
