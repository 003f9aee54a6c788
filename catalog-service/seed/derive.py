#!/usr/bin/env python3
"""Derive Switchboard's seed catalog from OpenRouter's /models snapshot and LiteLLM's price catalog.

Usage: derive.py REFERENCE_DIR OUTPUT_FILE

OpenRouter gives each model's identity (id, name, description, created, context, modalities,
supported parameters, list price). LiteLLM says which providers serve a model, under which
upstream id, at what per-provider price and limits. A model is matched to LiteLLM entries by a
normalised name (see `match_keys`); a model LiteLLM does not know gets one endpoint at provider
`openrouter` (OpenRouter as an upstream, at OpenRouter's price).

Prices stay exact: LiteLLM's JSON numbers are read as the shortest decimal that round-trips
(Python's float repr, which is what the JSON text says), then written as plain decimal strings.
The output is deterministic (sorted), so a regeneration diff shows only real changes.
"""
import json
import re
import sys
from datetime import datetime
from decimal import Decimal
from pathlib import Path

OPENROUTER_FILE = "openrouter/openrouter_api_v1_models_2026-08-01.json"
LITELLM_FILE = "litellm/model_prices_and_context_window.json"
# The seed's prices are in force from the day the OpenRouter snapshot was taken.
PRICES_EFFECTIVE_FROM = "2026-08-01T00:00:00Z"

# LiteLLM provider -> Switchboard provider. Display names are OpenRouter's provider names where it
# lists the provider, so clients that match on `provider_name` see familiar values. Only providers
# reachable with a bearer/API key over one of our API styles are kept: clouds that need request
# signing or per-account URLs (bedrock, vertex, sagemaker, cloudflare, databricks, watsonx, oci,
# snowflake), local runtimes (ollama) and other gateways (vercel_ai_gateway, LiteLLM's own
# openrouter entries) are left out.
PROVIDERS = {
    # litellm_provider: (slug, display name, apiStyle, default base URL)
    "openai": ("openai", "OpenAI", "openai", "https://api.openai.com/v1"),
    "anthropic": ("anthropic", "Anthropic", "anthropic", "https://api.anthropic.com/v1"),
    "gemini": ("google", "Google AI Studio", "gemini", "https://generativelanguage.googleapis.com/v1beta"),
    "azure": ("azure", "Azure", "azure", "https://your-resource.openai.azure.com/openai"),
    "groq": ("groq", "Groq", "openai-compatible", "https://api.groq.com/openai/v1"),
    "together_ai": ("together", "Together", "openai-compatible", "https://api.together.xyz/v1"),
    "fireworks_ai": ("fireworks", "Fireworks", "openai-compatible", "https://api.fireworks.ai/inference/v1"),
    "deepinfra": ("deepinfra", "DeepInfra", "openai-compatible", "https://api.deepinfra.com/v1/openai"),
    "deepseek": ("deepseek", "DeepSeek", "openai-compatible", "https://api.deepseek.com/v1"),
    "mistral": ("mistral", "Mistral", "openai-compatible", "https://api.mistral.ai/v1"),
    "xai": ("xai", "xAI", "openai-compatible", "https://api.x.ai/v1"),
    "perplexity": ("perplexity", "Perplexity", "openai-compatible", "https://api.perplexity.ai"),
    "cerebras": ("cerebras", "Cerebras", "openai-compatible", "https://api.cerebras.ai/v1"),
    "novita": ("novita", "Novita", "openai-compatible", "https://api.novita.ai/v3/openai"),
    "nebius": ("nebius", "Nebius", "openai-compatible", "https://api.studio.nebius.com/v1"),
    "sambanova": ("sambanova", "SambaNova", "openai-compatible", "https://api.sambanova.ai/v1"),
    "hyperbolic": ("hyperbolic", "Hyperbolic", "openai-compatible", "https://api.hyperbolic.xyz/v1"),
    "moonshot": ("moonshotai", "Moonshot AI", "openai-compatible", "https://api.moonshot.ai/v1"),
    "zai": ("zai", "Z.AI", "openai-compatible", "https://api.z.ai/api/paas/v4"),
    "minimax": ("minimax", "Minimax", "openai-compatible", "https://api.minimax.io/v1"),
    "lambda_ai": ("lambda", "Lambda", "openai-compatible", "https://api.lambda.ai/v1"),
    "cohere_chat": ("cohere", "Cohere", "openai-compatible", "https://api.cohere.ai/compatibility/v1"),
    "ai21": ("ai21", "AI21", "openai-compatible", "https://api.ai21.com/studio/v1"),
    "dashscope": ("alibaba", "Alibaba", "openai-compatible",
                  "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"),
    "baseten": ("baseten", "BaseTen", "openai-compatible", "https://inference.baseten.co/v1"),
    "featherless_ai": ("featherless", "Featherless", "openai-compatible", "https://api.featherless.ai/v1"),
    "friendliai": ("friendli", "Friendli", "openai-compatible", "https://api.friendli.ai/serverless/v1"),
    "nscale": ("nscale", "Nscale", "openai-compatible", "https://inference.api.nscale.com/v1"),
    "scaleway": ("scaleway", "Scaleway", "openai-compatible", "https://api.scaleway.ai/v1"),
    "inception": ("inception", "Inception", "openai-compatible", "https://api.inceptionlabs.ai/v1"),
    "morph": ("morph", "Morph", "openai-compatible", "https://api.morphllm.com/v1"),
    "wandb": ("wandb", "WandB", "openai-compatible", "https://api.inference.wandb.ai/v1"),
}
OPENROUTER_PROVIDER = ("openrouter", "OpenRouter", "openai-compatible", "https://openrouter.ai/api/v1")

# Data policies as the providers' public API terms state them. Where a provider's terms are not
# recorded here the default is conservative: prompts are assumed retained for 30 days (the usual
# abuse-monitoring window) and not used for training; `policySource` says which applied.
POLICIES = {
    "openai": (False, True, 30),
    "anthropic": (False, True, 30),
    "google": (False, True, 55),
    "azure": (False, True, 30),
    "deepseek": (True, True, None),
    "mistral": (False, True, 30),
    "xai": (False, True, 30),
    "groq": (False, False, 0),
    "cerebras": (False, False, 0),
    "together": (False, False, 0),
    "fireworks": (False, False, 0),
    "deepinfra": (False, False, 0),
    "openrouter": (False, False, 0),
}
DEFAULT_POLICY = (False, True, 30)

# No chat model costs more than $1,000 per million prompt tokens; above that an entry is a unit error.
MAX_PLAUSIBLE_TOKEN_PRICE = Decimal("0.001")

IGNORED_AUTHORS = ("openrouter",)  # OpenRouter's own meta-routers (auto, fusion…) are not models


def plain_decimal(value):
    """A JSON number or decimal string as an exact plain decimal string ("0.00000015"), or None."""
    if value is None:
        return None
    d = Decimal(value) if isinstance(value, str) else Decimal(repr(value))
    if d < 0:
        return None
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def normalise(name):
    name = name.lower().split(":")[0]
    name = name.replace("accounts/fireworks/models/", "")
    name = name.rsplit("/", 1)[-1]
    name = re.sub(r"[._ ]", "-", name)
    return name


def match_keys(name):
    """The normalised name, plus the name without a date suffix or -latest, as match candidates."""
    base = normalise(name)
    keys = {base}
    keys.add(re.sub(r"-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$", "", base))
    keys.add(re.sub(r"-instruct(-turbo)?$", "", base))
    return keys


def upstream_id(key, litellm_provider):
    prefix = {"together_ai": "together_ai/", "fireworks_ai": "fireworks_ai/", "lambda_ai": "lambda_ai/",
              "featherless_ai": "featherless_ai/"}.get(litellm_provider, litellm_provider + "/")
    return key[len(prefix):] if key.startswith(prefix) else key


def quantization(upstream):
    for q in ("fp4", "fp8", "fp16", "bf16", "int4", "int8"):
        if q in upstream.lower():
            return q
    return None


def endpoint_parameters(model_params, entry):
    drop = set()
    if not entry.get("supports_function_calling"):
        drop |= {"tools", "tool_choice", "parallel_tool_calls"}
    if not entry.get("supports_reasoning"):
        drop |= {"reasoning", "include_reasoning", "reasoning_effort"}
    if not entry.get("supports_response_schema"):
        drop |= {"structured_outputs"}
    return [p for p in model_params if p not in drop]


def litellm_endpoint(model, key, entry):
    slug = PROVIDERS[entry["litellm_provider"]][0]
    upstream = upstream_id(key, entry["litellm_provider"])
    context = entry.get("max_input_tokens") or entry.get("max_tokens") or model["context_length"]
    return {
        "provider": slug,
        "upstreamModelId": upstream,
        "prices": {
            "prompt": plain_decimal(entry.get("input_cost_per_token")) or "0",
            "completion": plain_decimal(entry.get("output_cost_per_token")) or "0",
            "cacheRead": plain_decimal(entry.get("cache_read_input_token_cost")) or "0",
            "cacheWrite": plain_decimal(entry.get("cache_creation_input_token_cost")) or "0",
            "request": plain_decimal(entry.get("input_cost_per_request")) or "0",
            "image": plain_decimal(entry.get("input_cost_per_image")) or "0",
        },
        "contextLength": int(context),
        "maxCompletionTokens": entry.get("max_output_tokens"),
        "quantization": quantization(upstream),
        "supportedParameters": endpoint_parameters(model.get("supported_parameters") or [], entry),
    }


def openrouter_endpoint(model):
    p = model["pricing"]
    return {
        "provider": "openrouter",
        "upstreamModelId": model["id"],
        "prices": {
            "prompt": plain_decimal(p.get("prompt")) or "0",
            "completion": plain_decimal(p.get("completion")) or "0",
            "cacheRead": plain_decimal(p.get("input_cache_read")) or "0",
            "cacheWrite": plain_decimal(p.get("input_cache_write")) or "0",
            "request": plain_decimal(p.get("request")) or "0",
            "image": plain_decimal(p.get("image")) or "0",
        },
        "contextLength": int((model.get("top_provider") or {}).get("context_length") or model["context_length"]),
        "maxCompletionTokens": (model.get("top_provider") or {}).get("max_completion_tokens"),
        "quantization": None,
        "supportedParameters": model.get("supported_parameters") or [],
    }


def index_litellm(litellm):
    """normalised name -> {provider slug -> (key, entry)}, keeping the shortest key per provider."""
    index = {}
    for key, entry in litellm.items():
        if not isinstance(entry, dict) or entry.get("mode") != "chat":
            continue
        if entry.get("litellm_provider") not in PROVIDERS or entry.get("input_cost_per_token") is None:
            continue
        if Decimal(repr(entry["input_cost_per_token"])) > MAX_PLAUSIBLE_TOKEN_PRICE:
            continue  # a per-million price filed as per-token (seen in LiteLLM's wandb entries)
        if "/eu/" in key or "/us/" in key or "/global/" in key:
            continue  # regional deployment variants of the same Azure model
        slug = PROVIDERS[entry["litellm_provider"]][0]
        for k in match_keys(upstream_id(key, entry["litellm_provider"])):
            per_provider = index.setdefault(k, {})
            current = per_provider.get(slug)
            if current is None or (len(key), key) < (len(current[0]), current[0]):
                per_provider[slug] = (key, entry)
    return index


# Embedding models are not in OpenRouter's /models snapshot; they come from LiteLLM's
# `mode: embedding` entries. Only providers whose adapter has an embeddings operation (apiStyle
# openai, openai-compatible or gemini) are kept, so every catalogued embedding model can be served.
# The model id's author is the upstream organisation ("BAAI/bge-en-icl" -> "baai"), or these for
# unprefixed ids:
EMBEDDING_AUTHORS = {"openai": "openai", "mistral": "mistralai", "gemini": "google"}
EMBEDDING_STYLES = ("openai", "openai-compatible", "gemini")


def embedding_model_id(upstream, litellm_provider):
    if "/" in upstream:
        author, name = upstream.split("/", 1)
        return f"{author.lower()}/{name.lower()}"
    author = EMBEDDING_AUTHORS.get(litellm_provider)
    return f"{author}/{upstream.lower()}" if author else None


def derive_embedding_models(litellm, created):
    """One model per embedding id, one endpoint per provider serving it, priced per input token."""
    models = {}
    for key, entry in sorted(litellm.items()):
        if not isinstance(entry, dict) or entry.get("mode") != "embedding":
            continue
        provider = PROVIDERS.get(entry.get("litellm_provider"))
        if provider is None or provider[2] not in EMBEDDING_STYLES:
            continue
        if entry.get("deprecation_date", "9999") < PRICES_EFFECTIVE_FROM[:10]:
            continue  # retired before the prices took effect (LiteLLM still files gemini-1.5-flash here)
        price = plain_decimal(entry.get("input_cost_per_token"))
        if price is None or price == "0" or not entry.get("max_input_tokens"):
            continue  # unpriced entries and LiteLLM's size-tier pseudo-models ("up-to-150m") are not models
        upstream = upstream_id(key, entry["litellm_provider"])
        if upstream.endswith("-v2") or upstream.endswith("/"):
            continue  # LiteLLM's alias of an alias, and a bare account prefix
        model_id = embedding_model_id(upstream, entry["litellm_provider"])
        if model_id is None:
            continue
        context = int(entry["max_input_tokens"])
        model = models.setdefault(model_id, {
            "id": model_id,
            "canonicalSlug": model_id,
            "name": upstream.rsplit("/", 1)[-1] + " (embeddings)",
            "created": created,
            "description": "Text embedding model. Priced per input token; answers only /api/v1/embeddings.",
            "contextLength": context,
            "modality": "text->embeddings",
            "inputModalities": ["text"],
            "outputModalities": ["embeddings"],
            "tokenizer": "Other",
            "instructType": None,
            "isModerated": False,
            # OpenRouter's supported_parameters name chat sampling controls only; embeddings have none.
            "supportedParameters": [],
            "endpoints": [],
        })
        slug = provider[0]
        if any(e["provider"] == slug for e in model["endpoints"]):
            continue
        model["endpoints"].append({
            "provider": slug,
            "upstreamModelId": upstream,
            "prices": {"prompt": price, "completion": "0", "cacheRead": "0", "cacheWrite": "0", "request": "0",
                       "image": "0"},
            "contextLength": context,
            "maxCompletionTokens": None,
            "quantization": None,
            "supportedParameters": model["supportedParameters"],
        })
    return list(models.values())


def derive(reference):
    models_in = json.loads((reference / OPENROUTER_FILE).read_text())["data"]
    litellm = json.loads((reference / LITELLM_FILE).read_text())
    index = index_litellm(litellm)

    models = []
    for m in models_in:
        author = m["id"].split("/")[0]
        if author.startswith("~") or author in IGNORED_AUTHORS:
            continue  # aliases ("~openai/gpt-latest") and routers are OpenRouter features, not models
        found = {}
        if not m["id"].endswith(":free"):
            for k in sorted(match_keys(m["id"]) | match_keys(m.get("canonical_slug") or m["id"])):
                for slug, hit in index.get(k, {}).items():
                    found.setdefault(slug, hit)
        endpoints = [litellm_endpoint(m, key, entry) for _, (key, entry) in sorted(found.items())]
        if not endpoints:
            endpoints = [openrouter_endpoint(m)]
        arch = m.get("architecture") or {}
        models.append({
            "id": m["id"],
            "canonicalSlug": m.get("canonical_slug") or m["id"],
            "name": m["name"],
            "created": m["created"],
            "description": m.get("description") or "",
            "contextLength": m["context_length"],
            "modality": arch.get("modality"),
            "inputModalities": arch.get("input_modalities") or ["text"],
            "outputModalities": arch.get("output_modalities") or ["text"],
            "tokenizer": arch.get("tokenizer"),
            "instructType": arch.get("instruct_type"),
            "isModerated": bool((m.get("top_provider") or {}).get("is_moderated")),
            "supportedParameters": m.get("supported_parameters") or [],
            "endpoints": endpoints,
        })
    known = {m["id"] for m in models}
    created = int(datetime.fromisoformat(PRICES_EFFECTIVE_FROM.replace("Z", "+00:00")).timestamp())
    models.extend(m for m in derive_embedding_models(litellm, created) if m["id"] not in known)
    models.sort(key=lambda x: x["id"])

    used = {e["provider"] for m in models for e in m["endpoints"]}
    providers = []
    for slug, name, style, url in sorted(set(PROVIDERS.values()) | {OPENROUTER_PROVIDER}):
        if slug not in used:
            continue
        trains, retains, days = POLICIES.get(slug, DEFAULT_POLICY)
        providers.append({
            "slug": slug, "name": name, "apiStyle": style, "baseUrl": url, "simulated": False,
            "trainsOnData": trains, "retainsPrompts": retains, "retentionDays": days,
            "policySource": "terms" if slug in POLICIES else "default",
        })
    return {"pricesEffectiveFrom": PRICES_EFFECTIVE_FROM, "providers": providers, "models": models}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    seed = derive(Path(sys.argv[1]))
    Path(sys.argv[2]).write_text(json.dumps(seed, indent=1, ensure_ascii=False, sort_keys=False) + "\n")
    endpoints = sum(len(m["endpoints"]) for m in seed["models"])
    print(f"{len(seed['models'])} models, {len(seed['providers'])} providers, {endpoints} endpoints",
          file=sys.stderr)


if __name__ == "__main__":
    main()
