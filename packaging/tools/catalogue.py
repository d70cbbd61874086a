#!/usr/bin/env python3
"""The shipped engine catalogue and modes, written into every shipped config,
and the shipped price table.

The three configs (packaging/config for the quick start, packaging/docker for
the image, packaging/deb for the Debian package) differ only in paths; the catalogue is kept here, once, and this
script rewrites their "engines", "modes", "usage" and "egress" exceptions, and
writes packaging/config/prices.json with a price for every engine's model. Run
it after editing:
    python3 packaging/tools/catalogue.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CONFIGS = [ROOT / "packaging/config/manifold.json", ROOT / "packaging/docker/manifold.json",
           ROOT / "packaging/deb/manifold.json"]
PRICES_FILE = ROOT / "packaging/config/prices.json"
# Where each config finds the price table (the image and the package put it in /etc/manifold).
PRICES_PATH = {CONFIGS[0]: "packaging/config/prices.json", CONFIGS[1]: "/etc/manifold/prices.json",
               CONFIGS[2]: "/etc/manifold/prices.json"}


def caps(vision=False, tools=True, json_mode=True, prompt_caching=False, prefill=False):
    return {"vision": vision, "tools": tools, "json_mode": json_mode,
            "prompt_caching": prompt_caching, "prefill": prefill}


def engine(id, provider, model, key_env, cost, window, capabilities, options=None, label=None):
    e = {"id": id, "provider": provider, "model": model}
    if key_env:
        e["key_env"] = key_env
    if label:
        e["label"] = label
    e.update({"cost_band": cost, "context_window": window, "capabilities": capabilities})
    if options:
        e["options"] = options
    return e


def oai(id, preset, model, key_env, cost, window, capabilities, **extra):
    return engine(id, "openai-compatible", model, key_env, cost, window, capabilities,
                  dict({"preset": preset}, **extra))


ANTHROPIC = caps(vision=True, json_mode=False, prompt_caching=True, prefill=True)
GEMINI = caps(vision=True, prompt_caching=True)

ENGINES = [
    # Anthropic (native Messages API adapter)
    engine("anthropic-claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5", "ANTHROPIC_API_KEY",
           "high", 200000, ANTHROPIC, {"max_tokens": 8192}),
    engine("anthropic-claude-haiku-4-5", "anthropic", "claude-haiku-4-5", "ANTHROPIC_API_KEY",
           "standard", 200000, ANTHROPIC, {"max_tokens": 8192}),
    engine("anthropic-claude-sonnet-4-5-thinking", "anthropic", "claude-sonnet-4-5",
           "ANTHROPIC_API_KEY", "high", 200000, ANTHROPIC,
           {"max_tokens": 16000, "thinking_budget": 8000}),
    # Google Gemini (native generateContent adapter)
    engine("gemini-2.5-pro", "gemini", "gemini-2.5-pro", "GEMINI_API_KEY", "standard", 1048576,
           GEMINI),
    engine("gemini-2.5-flash", "gemini", "gemini-2.5-flash", "GEMINI_API_KEY", "low", 1048576,
           GEMINI),
    engine("gemini-2.5-flash-lite", "gemini", "gemini-2.5-flash-lite", "GEMINI_API_KEY", "free",
           1048576, GEMINI),
    # Cohere (native v2 chat adapter)
    engine("cohere-command-a", "cohere", "command-a-03-2025", "COHERE_API_KEY", "standard",
           256000, caps()),
    engine("cohere-command-a-reasoning", "cohere", "command-a-reasoning-08-2025",
           "COHERE_API_KEY", "standard", 256000, caps()),
    engine("cohere-command-a-vision", "cohere", "command-a-vision-07-2025", "COHERE_API_KEY",
           "standard", 128000, caps(vision=True, tools=False)),
    engine("cohere-command-r7b", "cohere", "command-r7b-12-2024", "COHERE_API_KEY", "free",
           128000, caps()),
    # OpenAI models through GitHub Models
    oai("github-gpt-4.1", "github", "openai/gpt-4.1", "GITHUB_TOKEN", "free", 1047576,
        caps(vision=True)),
    oai("github-gpt-4.1-mini", "github", "openai/gpt-4.1-mini", "GITHUB_TOKEN", "free", 1047576,
        caps(vision=True)),
    oai("github-o4-mini", "github", "openai/o4-mini", "GITHUB_TOKEN", "free", 200000, caps()),
    # Groq
    oai("groq-llama-3.3-70b", "groq", "llama-3.3-70b-versatile", "GROQ_API_KEY", "free", 131072,
        caps()),
    oai("groq-gpt-oss-120b", "groq", "openai/gpt-oss-120b", "GROQ_API_KEY", "free", 131072,
        caps()),
    oai("groq-llama-3.1-8b", "groq", "llama-3.1-8b-instant", "GROQ_API_KEY", "free", 131072,
        caps()),
    oai("groq-llama-4-scout", "groq", "meta-llama/llama-4-scout-17b-16e-instruct",
        "GROQ_API_KEY", "free", 131072, caps(vision=True)),
    oai("groq-compound", "groq", "groq/compound", "GROQ_API_KEY", "free", 131072,
        caps(tools=False, json_mode=False)),
    # SambaNova
    oai("sambanova-deepseek-r1", "sambanova", "DeepSeek-R1-0528", "SAMBANOVA_API_KEY", "low",
        131072, caps(tools=False, json_mode=False)),
    oai("sambanova-llama-3.3-70b", "sambanova", "Meta-Llama-3.3-70B-Instruct",
        "SAMBANOVA_API_KEY", "free", 131072, caps()),
    # Cerebras
    oai("cerebras-gpt-oss-120b", "cerebras", "gpt-oss-120b", "CEREBRAS_API_KEY", "free", 131072,
        caps()),
    oai("cerebras-llama-3.3-70b", "cerebras", "llama-3.3-70b", "CEREBRAS_API_KEY", "free", 65536,
        caps()),
    oai("cerebras-qwen-3-coder", "cerebras", "qwen-3-coder-480b", "CEREBRAS_API_KEY", "free",
        131072, caps()),
    # OpenRouter
    oai("openrouter-deepseek-r1", "openrouter", "deepseek/deepseek-r1-0528:free",
        "OPENROUTER_API_KEY", "free", 163840, caps(tools=False, json_mode=False)),
    oai("openrouter-qwen-coder", "openrouter", "qwen/qwen3-coder:free", "OPENROUTER_API_KEY",
        "free", 262144, caps()),
    oai("openrouter-sonar", "openrouter", "perplexity/sonar", "OPENROUTER_API_KEY", "standard",
        127072, caps(tools=False)),
    oai("openrouter-llama-4-maverick", "openrouter", "meta-llama/llama-4-maverick:free",
        "OPENROUTER_API_KEY", "free", 131072, caps(vision=True)),
    # Mistral
    oai("mistral-large", "mistral", "mistral-large-latest", "MISTRAL_API_KEY", "standard", 131072,
        caps(prefill=True)),
    oai("mistral-medium", "mistral", "mistral-medium-latest", "MISTRAL_API_KEY", "low", 131072,
        caps(vision=True, prefill=True)),
    oai("mistral-codestral", "mistral", "codestral-latest", "MISTRAL_API_KEY", "low", 262144,
        caps(prefill=True)),
    oai("mistral-pixtral", "mistral", "pixtral-large-latest", "MISTRAL_API_KEY", "standard",
        131072, caps(vision=True, prefill=True)),
    # DeepSeek
    oai("deepseek-chat", "deepseek", "deepseek-chat", "DEEPSEEK_API_KEY", "low", 131072,
        caps(prefill=True)),
    oai("deepseek-reasoner", "deepseek", "deepseek-reasoner", "DEEPSEEK_API_KEY", "low", 131072,
        caps(tools=False, json_mode=False)),
    # OpenAI direct, for operators with a key of their own
    oai("openai-gpt-4.1", "openai", "gpt-4.1", "OPENAI_API_KEY", "high", 1047576,
        caps(vision=True, prompt_caching=True)),
    oai("openai-gpt-4.1-mini", "openai", "gpt-4.1-mini", "OPENAI_API_KEY", "low", 1047576,
        caps(vision=True, prompt_caching=True)),
    oai("openai-o4-mini", "openai", "o4-mini", "OPENAI_API_KEY", "standard", 200000,
        caps(prompt_caching=True)),
    # Ollama: a local last resort, no key
    oai("ollama-llama-3.2", "ollama", "llama3.2", None, "free", 131072, caps()),
    oai("ollama-llava", "ollama", "llava", None, "free", 32768, caps(vision=True, tools=False)),
    # The offline demo: every chain ends here, so a deployment with no keys still answers.
    engine("demo-flaky", "demo", "demo-1", None, "free", 1048576,
           caps(vision=True, prefill=True), {"token_delay_ms": 30, "fault": "status:503"},
           label="demo"),
    engine("demo", "demo", "demo-1", None, "free", 1048576, caps(vision=True, prefill=True),
           {"token_delay_ms": 30}, label="demo"),
]

MODES = {
    "smart": {
        "description": "General answers: writing, emails, summaries, analysis. The strongest "
                       "generalists first, then fast free ones, then local.",
        "chain": ["anthropic-claude-sonnet-4-5", "github-gpt-4.1", "gemini-2.5-pro",
                  "groq-llama-3.3-70b", "cerebras-gpt-oss-120b", "groq-gpt-oss-120b",
                  "sambanova-llama-3.3-70b", "mistral-large", "cohere-command-a",
                  "deepseek-chat", "gemini-2.5-flash", "anthropic-claude-haiku-4-5",
                  "openai-gpt-4.1", "cerebras-llama-3.3-70b", "openrouter-llama-4-maverick",
                  "github-gpt-4.1-mini", "mistral-medium", "ollama-llama-3.2", "demo-flaky",
                  "demo"],
        "continuation": True,
    },
    "reasoner": {
        "description": "Multi-step logic, maths, proofs, planning: reasoning models.",
        "chain": ["anthropic-claude-sonnet-4-5-thinking", "gemini-2.5-pro",
                  "sambanova-deepseek-r1", "github-o4-mini", "deepseek-reasoner",
                  "cohere-command-a-reasoning", "openrouter-deepseek-r1", "openai-o4-mini",
                  "cerebras-gpt-oss-120b", "demo"],
        "first_token_timeout_ms": 60000,
        "idle_timeout_ms": 60000,
        "deadline_ms": 180000,
    },
    "live": {
        "description": "Current data: news, weather, prices, scores. Engines with live search.",
        "chain": ["groq-compound", "openrouter-sonar", "gemini-2.5-flash", "demo"],
    },
    "fast": {
        "description": "Short lookups, greetings, one-line answers: the lowest latency first.",
        "chain": ["groq-llama-3.1-8b", "cerebras-llama-3.3-70b", "gemini-2.5-flash-lite",
                  "github-gpt-4.1-mini", "cohere-command-r7b", "anthropic-claude-haiku-4-5",
                  "openai-gpt-4.1-mini", "ollama-llama-3.2", "demo"],
    },
    "coder": {
        "description": "Writing, debugging and explaining code.",
        "chain": ["anthropic-claude-sonnet-4-5", "cerebras-qwen-3-coder", "mistral-codestral",
                  "github-gpt-4.1", "gemini-2.5-pro", "openrouter-qwen-coder", "deepseek-chat",
                  "groq-gpt-oss-120b", "ollama-llama-3.2", "demo"],
        "continuation": True,
    },
    "vision": {
        "description": "Questions about an attached image: vision engines only.",
        "chain": ["gemini-2.5-flash", "anthropic-claude-sonnet-4-5", "github-gpt-4.1",
                  "groq-llama-4-scout", "mistral-pixtral", "cohere-command-a-vision",
                  "openrouter-llama-4-maverick", "openai-gpt-4.1", "ollama-llava", "demo"],
    },
    "image": {
        "description": "Requests to generate or edit a picture: multimodal engines that can "
                       "describe and plan the image.",
        "chain": ["gemini-2.5-flash", "github-gpt-4.1", "openai-gpt-4.1", "mistral-pixtral",
                  "demo"],
    },
}


# Loopback is refused by default (see the egress policy in the README); the
# local Ollama the catalogue ships is the one exception, on its one port. The
# Ollama preset's base_url is http://127.0.0.1:11434/v1; "localhost" is
# allowed too for operators who write that instead.
EGRESS_ALLOW = ["127.0.0.1:11434", "localhost:11434"]


def with_egress(config):
    """The config with egress.allow set, the egress section placed before the engines."""
    egress = dict(config.get("egress", {}))
    egress["allow"] = EGRESS_ALLOW
    out = {}
    for key, value in config.items():
        if key == "egress":
            continue
        if key == "engines":
            out["egress"] = egress
        out[key] = value
    return out


# List prices in USD per million tokens: input, output, cached read, cache write,
# keyed "<vendor>/<model>" (the vendor is the engine's preset, or its provider
# plugin). Engines whose cost_band is "free" are priced 0: the catalogue uses
# their free tier. These were not re-checked against the vendors' pages when
# written (no network): each says so in its "source". Check before relying on
# them for billing.
RECALLED = "vendor list price as recalled for 2025; estimate, not re-checked"
PAID = {
    "anthropic/claude-sonnet-4-5": (3.00, 15.00, 0.30, 3.75),
    "anthropic/claude-haiku-4-5": (1.00, 5.00, 0.10, 1.25),
    # Gemini: prompts up to 200k tokens; cache storage per hour is not counted
    "gemini/gemini-2.5-pro": (1.25, 10.00, 0.125, 1.25),
    "gemini/gemini-2.5-flash": (0.30, 2.50, 0.03, 0.30),
    "cohere/command-a-03-2025": (2.50, 10.00, 2.50, 2.50),
    "cohere/command-a-reasoning-08-2025": (2.50, 10.00, 2.50, 2.50),
    "cohere/command-a-vision-07-2025": (2.50, 10.00, 2.50, 2.50),
    "sambanova/DeepSeek-R1-0528": (5.00, 7.00, 5.00, 5.00),
    "openrouter/perplexity/sonar": (1.00, 1.00, 1.00, 1.00),
    "mistral/mistral-large-latest": (2.00, 6.00, 2.00, 2.00),
    "mistral/mistral-medium-latest": (0.40, 2.00, 0.40, 0.40),
    "mistral/codestral-latest": (0.30, 0.90, 0.30, 0.30),
    "mistral/pixtral-large-latest": (2.00, 6.00, 2.00, 2.00),
    # DeepSeek V3.2 prices (cache miss, output, cache hit)
    "deepseek/deepseek-chat": (0.28, 0.42, 0.028, 0.28),
    "deepseek/deepseek-reasoner": (0.28, 0.42, 0.028, 0.28),
    "openai/gpt-4.1": (2.00, 8.00, 0.50, 2.00),
    "openai/gpt-4.1-mini": (0.40, 1.60, 0.10, 0.40),
    "openai/o4-mini": (1.10, 4.40, 0.275, 1.10),
}


def price_key(e):
    return f'{(e.get("options") or {}).get("preset", e["provider"])}/{e["model"]}'


def prices():
    models = {}
    for e in ENGINES:
        key = price_key(e)
        if e["cost_band"] == "free":
            source = ("local model, no charge" if e["provider"] == "demo" or
                      (e.get("options") or {}).get("preset") == "ollama"
                      else "free tier (the catalogue's cost_band is free)")
            rates = (0, 0, 0, 0)
        else:
            assert key in PAID, f"engine {e['id']} ({key}) has no price"
            source, rates = RECALLED, PAID[key]
        entry = dict(zip(("input", "output", "cached_read", "cache_write"), rates))
        entry["source"] = source
        assert models.get(key, entry) == entry, f"{key} is priced twice, differently"
        models[key] = entry
    return {"$schema": "../../schemas/prices.schema.json", "currency": "USD",
            "unit": "per_million_tokens", "as_of": "2025", "models": models}


def render_prices(table):
    items = [f"    {json.dumps(k)}: {json.dumps(v)}" for k, v in table["models"].items()]
    head = [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in table.items() if k != "models"]
    return "{\n" + "\n".join(head) + '\n  "models": {\n' + ",\n".join(items) + "\n  }\n}\n"


def render(config):
    """One line per engine and per mode, so a diff shows what changed."""
    lines = ["{"]
    keys = list(config)
    for i, key in enumerate(keys):
        comma = "," if i + 1 < len(keys) else ""
        value = config[key]
        if key == "engines":
            items = [f"    {json.dumps(e)}" for e in value]
            lines.append(f'  "engines": [\n' + ",\n".join(items) + f"\n  ]{comma}")
        elif key == "modes":
            items = [f"    {json.dumps(n)}: {json.dumps(m)}" for n, m in value.items()]
            lines.append(f'  "modes": {{\n' + ",\n".join(items) + f"\n  }}{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}{comma}")
    return "\n".join(lines) + "\n}\n"


def main():
    ids = {e["id"] for e in ENGINES}
    for name, mode in MODES.items():
        missing = [step for step in mode["chain"] if step not in ids]
        assert not missing, f"mode {name} names unknown engines {missing}"
        assert len(mode["chain"]) <= 20, f"mode {name} is deeper than 20 steps"
        assert mode["chain"][-1] == "demo", f"mode {name} must end in the demo engine"
    for path in CONFIGS:
        config = json.loads(path.read_text())
        config.pop("usage", None)
        rest = {k: config.pop(k) for k in ("engines", "modes") if k in config}
        config["usage"] = {"prices_file": PRICES_PATH[path]}
        config.update(rest)
        config["engines"] = ENGINES
        config["modes"] = MODES
        path.write_text(render(with_egress(config)))
    PRICES_FILE.write_text(render_prices(prices()))


if __name__ == "__main__":
    main()
