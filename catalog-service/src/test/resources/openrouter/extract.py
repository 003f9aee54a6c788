#!/usr/bin/env python3
"""Extract the JSON Schemas of OpenRouter's model and provider listings from its OpenAPI spec.

Usage: extract.py OPENROUTER_OPENAPI_YAML OUTPUT_JSON

Writes one JSON Schema (draft 2020-12, which OpenAPI 3.1 schemas are) whose $defs hold the
response schemas of GET /models, /models/count, /models/{author}/{slug}/endpoints and /providers
and every component they reference, with examples dropped to keep the file small, and the
deliberate relaxations in OVERRIDES.
"""
import json
import sys

import yaml

PATHS = {
    "ModelsList": ("/models", "get"),
    "ModelsCount": ("/models/count", "get"),
    "ModelEndpoints": ("/models/{author}/{slug}/endpoints", "get"),
    "ProvidersList": ("/providers", "get"),
}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in ("example", "examples")}
    if isinstance(node, list):
        return [strip(v) for v in node]
    if isinstance(node, str) and node.startswith("#/components/schemas/"):
        return "#/$defs/" + node.rsplit("/", 1)[1]
    return node


def refs(node, found):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                found.add(v.rsplit("/", 1)[1])
            else:
                refs(v, found)
    elif isinstance(node, list):
        for v in node:
            refs(v, found)


# Switchboard serves providers OpenRouter does not list (its own simulated provider, Nscale, …), so
# the provider display name is checked as a string rather than against OpenRouter's enumeration.
OVERRIDES = {"ProviderName": {"type": "string"}}


def main():
    spec = yaml.safe_load(open(sys.argv[1]))
    components = spec["components"]["schemas"]
    defs = {}
    for name, (path, method) in PATHS.items():
        defs[name] = spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
    pending = set()
    refs(defs, pending)
    while pending:
        name = pending.pop()
        if name in defs:
            continue
        defs[name] = components[name]
        refs(components[name], pending)
    defs.update(OVERRIDES)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$comment": "Derived from OpenRouter's OpenAPI spec (OpenRouterTeam/typescript-sdk, Apache-2.0); see README.md",
              "$defs": strip(defs)}
    json.dump(schema, open(sys.argv[2], "w"), indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
