"""all-MiniLM-L6-v2 without torch at run time: onnxruntime + tokenizers + numpy.

``export`` (which needs torch, once) writes the transformer as ``model.onnx`` beside the
model's ``tokenizer.json``; ``quantise`` adds an 8-bit copy; ``OnnxEncoder`` embeds the way
sentence-transformers does for this model (mean of the token vectors under the attention
mask, then unit length). Used by ``bench.semantic --onnx``; storydiff depends on none of it.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np

try:
    import onnxruntime
    from tokenizers import Tokenizer
except ImportError:  # pragma: no cover - the packages are optional by design
    raise SystemExit(
        "bench.semantic_onnx needs onnxruntime and tokenizers (pip install onnxruntime"
        " tokenizers; exporting also needs torch, transformers and onnx)"
    ) from None

#: The model's ``max_seq_length`` (sentence_bert_config.json): longer inputs are cut.
MAX_TOKENS = 256
BATCH = 32


def export(model_folder: Path, out: Path) -> None:
    """Write ``out/model.onnx`` and ``out/tokenizer.json`` from a sentence-transformers folder."""
    import torch
    from transformers import AutoModel

    out.mkdir(parents=True, exist_ok=True)
    bert = AutoModel.from_pretrained(str(model_folder)).eval()

    class Tokens(torch.nn.Module):
        """The transformer's last hidden states, its inputs passed by name."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            token_type_ids: torch.Tensor,
        ) -> torch.Tensor:
            hidden: torch.Tensor = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            return hidden

    ids = torch.ones((2, 8), dtype=torch.int64)
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    with torch.no_grad():
        torch.onnx.export(
            Tokens(),
            (ids, ids, torch.zeros_like(ids)),
            str(out / "model.onnx"),
            input_names=names,
            output_names=["tokens"],
            dynamic_axes={**axes, "tokens": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )
    shutil.copy(model_folder / "tokenizer.json", out / "tokenizer.json")


def quantise(folder: Path) -> None:
    """Write ``folder/model-int8.onnx``: the weights of ``model.onnx`` as 8-bit integers."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(folder / "model.onnx", folder / "model-int8.onnx", weight_type=QuantType.QInt8)


class OnnxEncoder:
    def __init__(self, folder: str | Path, threads: int = 1, name: str = "model.onnx") -> None:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(Path(folder) / name), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.enable_padding()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text."""
        rows = []
        for start in range(0, len(texts), BATCH):
            batch = self.tokenizer.encode_batch(list(texts[start : start + BATCH]))
            ids = np.array([e.ids for e in batch], np.int64)
            mask = np.array([e.attention_mask for e in batch], np.int64)
            types = np.array([e.type_ids for e in batch], np.int64)
            tokens = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            )[0]
            weights = mask[:, :, None].astype(np.float32)
            mean = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            rows.append(mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12))
        return np.concatenate(rows)
